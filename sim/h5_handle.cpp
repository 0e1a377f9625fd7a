#include "sim/h5_handle.hpp"

namespace placesim {

void h5_silence_errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

std::string h5_last_error() {
  std::string innermost;
  // The walk goes from the innermost call outwards; the first entry is the root cause.
  H5Ewalk2(
      H5E_DEFAULT, H5E_WALK_UPWARD,
      [](unsigned n, const H5E_error2_t* e, void* out) -> herr_t {
        if (n == 0 && e->desc) *static_cast<std::string*>(out) = e->desc;
        return 0;
      },
      &innermost);
  return innermost;
}

std::string h5_name_of(hid_t obj) {
  const ssize_t len = H5Iget_name(obj, nullptr, 0);
  if (len <= 0) return "?";
  std::string name(static_cast<std::size_t>(len), '\0');
  H5Iget_name(obj, name.data(), static_cast<std::size_t>(len) + 1);
  return name;
}

}  // namespace placesim
