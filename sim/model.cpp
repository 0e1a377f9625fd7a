#include "sim/model.hpp"

#include <algorithm>

namespace placesim {

Model build_model(const Config& cfg, const std::vector<ConfigStage>& later) {
  Model m;
  m.cfg = cfg;
  const auto seed = static_cast<std::uint64_t>(cfg.run.seed);
  m.place = build_place(cfg.place, seed);
  m.net = build_social_network(m.place.social_layout(), cfg.network, seed);
  m.life = make_life_constants(cfg, m.place);
  for (std::uint32_t j = 0; j < m.place.neighbourhoods(); ++j) {
    m.nbhd_first_chunk.push_back(static_cast<std::uint32_t>(m.chunks.size()));
    for (std::uint32_t b = m.place.nbhd_begin[j]; b < m.place.nbhd_begin[j + 1]; b += kChunkSize)
      m.chunks.push_back({b, std::min(b + kChunkSize, m.place.nbhd_begin[j + 1]), j});
  }
  m.nbhd_first_chunk.push_back(static_cast<std::uint32_t>(m.chunks.size()));
  m.stages.push_back({0, cfg, m.life});
  for (const auto& st : later) {
    if (st.day <= 0) m.stages.front() = {0, st.cfg, make_life_constants(st.cfg, m.place)};
    else m.stages.push_back({st.day, st.cfg, make_life_constants(st.cfg, m.place)});
  }
  return m;
}

}  // namespace placesim
