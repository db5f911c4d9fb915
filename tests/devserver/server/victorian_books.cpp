// The deterministic seed catalogue: plausible Victorian books with ids 1..N.
#include "victorian_books.hpp"

#include <array>
#include <string>

namespace bmx::devserver {

namespace {

struct TitleEntry {
  const char* title;
  const char* author;
  int year;
};

constexpr std::array<TitleEntry, 20> titles{{
    {"Bleak House", "Charles Dickens", 1853},
    {"Middlemarch", "George Eliot", 1871},
    {"Vanity Fair", "William Makepeace Thackeray", 1848},
    {"Jane Eyre", "Charlotte Bronte", 1847},
    {"Wuthering Heights", "Emily Bronte", 1847},
    {"The Woman in White", "Wilkie Collins", 1860},
    {"Far from the Madding Crowd", "Thomas Hardy", 1874},
    {"North and South", "Elizabeth Gaskell", 1855},
    {"The Moonstone", "Wilkie Collins", 1868},
    {"Idylls of the King", "Alfred Tennyson", 1859},
    {"Barchester Towers", "Anthony Trollope", 1857},
    {"The Mill on the Floss", "George Eliot", 1860},
    {"Alice's Adventures in Wonderland", "Lewis Carroll", 1865},
    {"Sonnets from the Portuguese", "Elizabeth Barrett Browning", 1850},
    {"The Stones of Venice", "John Ruskin", 1851},
    {"On the Origin of Species", "Charles Darwin", 1859},
    {"Great Expectations", "Charles Dickens", 1861},
    {"The Return of the Native", "Thomas Hardy", 1878},
    {"Lady Audley's Secret", "Mary Elizabeth Braddon", 1862},
    {"The Picture of Dorian Gray", "Oscar Wilde", 1890},
}};

constexpr std::array<const char*, 3> statuses{"ON_HAND", "IN_TRANSIT", "EVALUATING"};

}  // namespace

nlohmann::json seeded_book(int id) {
  const auto index = static_cast<std::size_t>(id - 1);
  const TitleEntry& entry = titles[index % titles.size()];
  const std::size_t volume = index / titles.size() + 1;
  // Later passes through the list become further volumes, so titles stay unique.
  std::string title = entry.title;
  if (volume > 1) title += ", Vol. " + std::to_string(volume);

  return {{"id", id},
          {"title", title},
          {"author", entry.author},
          {"year", entry.year},
          {"status", statuses[index % statuses.size()]},
          {"image_count", 0},
          {"primary_image_url", nullptr}};
}

}  // namespace bmx::devserver
