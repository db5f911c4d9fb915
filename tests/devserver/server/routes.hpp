// One registration function per group of dev server routes; devserver_main.cpp calls them in order.
#pragma once

#include "api_routes.hpp"
#include "devserver_context.hpp"

#include <httplib.h>

namespace bmx::devserver {

// /api/v1/health/{live,version,deep}: never need a key.
void add_health_routes(ApiRoutes& routes, DevserverContext& context);
// /api/v1/books CRUD and PUT /api/v1/books/{id}/analysis.
void add_book_routes(ApiRoutes& routes, DevserverContext& context);
// POST and GET /api/v1/books/{id}/images.
void add_image_routes(ApiRoutes& routes, DevserverContext& context);
// /api/v1/books/{id}/images/{reorder,primary,ID}: reorder, the primary, edit and delete.
void add_image_edit_routes(ApiRoutes& routes, DevserverContext& context);
// Background jobs: POST /api/v1/books/{id}/analysis/generate-async, GET .../analysis/status,
// POST /api/v1/entity/profiles/generate-all, GET .../generate-all/status/{job_id}.
void add_job_routes(ApiRoutes& routes, DevserverContext& context);
// GET/HEAD /images/{book}/{id}[_thumb].jpg: the CDN role, no key (on this server, and with
// --cdn-host on the second listener too).
void add_cdn_routes(httplib::Server& server, DevserverContext& context);
// GET /api/v1/books/{id}/images/{image_id}/{file,thumbnail}: 302 to the image's URL.
void add_image_file_routes(ApiRoutes& routes, DevserverContext& context);
// --redirect PATH=URL: redirects, for tests that follow the API key across hosts.
void add_redirect_routes(httplib::Server& server, DevserverContext& context);
// /_dev/{requests,images,stats,reset,processing,cdn}: what tests inspect.
void add_inspection_routes(httplib::Server& server, DevserverContext& context);
// FastAPI's redirect_slashes: PATH/ answers 307 to PATH when an API route has PATH.
// Registered after every other route but the 404s.
void add_trailing_slash_routes(httplib::Server& server, const ApiRoutes& routes);
// Registered last: every other path answers a JSON 404, and is still recorded.
void add_not_found_routes(httplib::Server& server);

}  // namespace bmx::devserver
