#include "sim/netcdf_dims.hpp"

#include <hdf5_hl.h>

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <limits>

namespace placesim {

void write_index_coordinate(H5Writer& w, hid_t group, const std::string& name, std::size_t n,
                            const std::string& units, const std::string& description) {
  // int32 where it fits (every index of today's runs), so files stay small and readers see the
  // type they saw before; int64 only for tables past 2^31 rows.
  if (n <= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    std::vector<std::int32_t> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::int32_t>(i);
    write_coordinate(w, group, name, v, units, description);
  } else {
    std::vector<std::int64_t> v(n);
    for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::int64_t>(i);
    write_coordinate(w, group, name, v, units, description);
  }
}

void write_dimension(H5Writer& w, hid_t group, const std::string& name, std::size_t n,
                     const std::string& description) {
  const hsize_t len = n;
  H5Handle space(H5Screate_simple(1, &len, nullptr), H5Sclose);
  // Contiguous, allocated late and never written: no bytes in the file (reads give 0).
  H5Handle ds(space.ok() ? H5Dcreate2(group, name.c_str(), H5T_NATIVE_INT32, space.get(),
                                      H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT)
                         : -1,
              H5Dclose);
  if (!ds.ok()) w.fail("writing dimension " + name + " of " + h5_name_of(group), errno);
  // netCDF-C's marker, with the length as netCDF-C writes it; h5netcdf then makes it a
  // dimension and no variable.
  char marker[96];
  std::snprintf(marker, sizeof marker, "%s%10zu", kDimensionNotVariable, n);
  w.make_scale(ds.get(), marker);
  w.attr_string(ds.get(), "units", "id");
  w.attr_string(ds.get(), "description",
                description + " A dimension without values (positions 0..n-1): nothing stored.");
  w.close(ds);
}

void write_string_variable(H5Writer& w, hid_t group, const std::string& name,
                           const std::vector<std::string>& values, const std::string& dim,
                           const std::string& units, const std::string& description) {
  H5Handle ds = w.create_strings(group, name, values, units, description);
  attach_dims(w, ds.get(), {dim});
  w.close(ds);
}

void attach_dims(H5Writer& w, hid_t dataset, const std::vector<std::string>& dims) {
  const std::string path = h5_name_of(dataset);
  const std::string parent = path.substr(0, path.rfind('/'));  // "" for a root dataset
  H5Handle space(H5Dget_space(dataset), H5Sclose);
  const int rank = space.ok() ? H5Sget_simple_extent_ndims(space.get()) : -1;
  if (rank < 0 || static_cast<std::size_t>(rank) != dims.size())
    throw OutputError(path + ": " + std::to_string(rank) + " axes but " +
                      std::to_string(dims.size()) + " dimension names");
  std::vector<hsize_t> extent(static_cast<std::size_t>(rank));
  if (rank > 0) H5Sget_simple_extent_dims(space.get(), extent.data(), nullptr);
  for (std::size_t i = 0; i < dims.size(); ++i) {
    const std::string scale_path = parent + "/" + dims[i];
    H5Handle scale(H5Lexists(dataset, scale_path.c_str(), H5P_DEFAULT) > 0
                       ? H5Dopen2(dataset, scale_path.c_str(), H5P_DEFAULT)
                       : -1,
                   H5Dclose);
    if (!scale.ok() || H5DSis_scale(scale.get()) <= 0)
      throw OutputError(path + ": axis " + std::to_string(i) + " names dimension '" + dims[i] +
                        "', but " + scale_path + " is not a coordinate variable (write it first)");
    H5Handle sspace(H5Dget_space(scale.get()), H5Sclose);
    hsize_t len = 0;
    if (!sspace.ok() || H5Sget_simple_extent_ndims(sspace.get()) != 1 ||
        H5Sget_simple_extent_dims(sspace.get(), &len, nullptr) < 0 || len != extent[i])
      throw OutputError(path + ": axis " + std::to_string(i) + " has " + std::to_string(extent[i]) +
                        " values but dimension " + scale_path + " has " + std::to_string(len));
    w.attach_scale(dataset, scale.get(), static_cast<unsigned>(i));
  }
}

void set_coordinates(H5Writer& w, hid_t dataset, const std::string& names) {
  w.attr_string(dataset, "coordinates", names);
}

}  // namespace placesim
