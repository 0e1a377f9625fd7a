#pragma once
// The files of the `placesim serve` page, embedded at build time (cmake/embed_web.cmake).
#include <cstddef>
#include <string>
#include <vector>

namespace placesim {

struct WebAsset {
  const char* url;           // "/", "/app.js", ...
  const char* content_type;
  const char* data;
  std::size_t size;
};

const std::vector<WebAsset>& web_assets();  // generated

inline const WebAsset* find_web_asset(const std::string& url) {
  for (const auto& a : web_assets())
    if (url == a.url) return &a;
  return nullptr;
}

}  // namespace placesim
