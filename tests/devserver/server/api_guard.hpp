// The gate in front of every keyed /api/v1 route: scripted --fail-requests failures, then the X-API-Key check.
#pragma once

#include "devserver_context.hpp"

#include <httplib.h>

namespace bmx::devserver {

httplib::Server::Handler guarded(DevserverContext& context, httplib::Server::Handler handler);

// A route handler that needs the context; keyed() binds it and puts the gate in front.
using ContextHandler = void (*)(DevserverContext&, const httplib::Request&, httplib::Response&);
httplib::Server::Handler keyed(DevserverContext& context, ContextHandler handler);

}  // namespace bmx::devserver
