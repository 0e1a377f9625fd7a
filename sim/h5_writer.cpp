#include "sim/h5_writer.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "sim/output_schema.hpp"

namespace placesim {
namespace {

// Errors worth naming as the reason: those of the file system, as opposed to whatever errno
// an unrelated library call inside HDF5 happened to leave behind.
bool is_io_error(int err) {
  switch (err) {
    case ENOSPC:
    case EFBIG:
    case EDQUOT:
    case EIO:
    case EROFS:
    case EACCES:
    case EPERM:
    case ENXIO:
    case ENODEV:
    case ESTALE:
    case ENOMEM:
      return true;
    default:
      return false;
  }
}

std::string child_name(hid_t loc, const std::string& name) {
  if (!name.empty() && name[0] == '/') return name;
  const std::string parent = h5_name_of(loc);
  return (parent == "/" ? "" : parent) + "/" + name;
}

H5Handle variable_string_type() {
  H5Handle t(H5Tcopy(H5T_C_S1), H5Tclose);
  if (t.ok() && (H5Tset_size(t.get(), H5T_VARIABLE) < 0 || H5Tset_cset(t.get(), H5T_CSET_UTF8) < 0))
    t.close();
  return t;
}

}  // namespace

H5Writer::H5Writer(const std::string& shown) : shown_(shown) {
  h5_silence_errors();
  H5Handle fapl(H5Pcreate(H5P_FILE_ACCESS), H5Pclose);
  errno = 0;
  // In memory (the core driver without a backing store): HDF5 never writes to disk itself, so a
  // full disk cannot leave HDF5 with a file it can neither flush nor close (1.10 then crashes
  // when the library shuts down). The caller writes the finished image with plain, checked
  // write() calls. SEMI: closing fails if an object is still open instead of deferring it.
  if (!fapl.ok() || H5Pset_fapl_core(fapl.get(), kCoreIncrement, false) < 0 ||
      H5Pset_fclose_degree(fapl.get(), H5F_CLOSE_SEMI) < 0)
    fail("preparing to create the file", errno);
  errno = 0;
  file_ = H5Handle(H5Fcreate(shown.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.get()), H5Fclose);
  if (!file_.ok()) fail("creating the file in memory", errno);
}

void H5Writer::fail(const std::string& action, int err) const {
  std::string reason = is_io_error(err) ? std::strerror(err) : h5_last_error();
  if (reason.empty()) reason = "HDF5 error";
  throw OutputError(reason + " writing " + shown_ + " (" + action + ")");
}

H5Handle H5Writer::create_group(hid_t loc, const std::string& name) {
  errno = 0;
  H5Handle g(H5Gcreate2(loc, name.c_str(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT), H5Gclose);
  if (!g.ok()) fail("creating group " + child_name(loc, name), errno);
  return g;
}

void H5Writer::attr_string(hid_t obj, const std::string& name, const std::string& value) {
  errno = 0;
  H5Handle type = variable_string_type();
  H5Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  H5Handle a(type.ok() && space.ok()
                 ? H5Acreate2(obj, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT)
                 : -1,
             H5Aclose);
  const char* p = value.c_str();
  if (!a.ok() || H5Awrite(a.get(), type.get(), &p) < 0 || a.close() < 0)
    fail("writing attribute " + name + " of " + h5_name_of(obj), errno);
}

namespace {
template <class T>
void attr_scalar(const H5Writer& w, hid_t obj, const std::string& name, hid_t type, T value) {
  errno = 0;
  H5Handle space(H5Screate(H5S_SCALAR), H5Sclose);
  H5Handle a(
      space.ok() ? H5Acreate2(obj, name.c_str(), type, space.get(), H5P_DEFAULT, H5P_DEFAULT) : -1,
      H5Aclose);
  if (!a.ok() || H5Awrite(a.get(), type, &value) < 0 || a.close() < 0)
    w.fail("writing attribute " + name + " of " + h5_name_of(obj), errno);
}
}  // namespace

void H5Writer::attr_int32(hid_t obj, const std::string& name, std::int32_t value) {
  attr_scalar(*this, obj, name, H5T_NATIVE_INT32, value);
}
void H5Writer::attr_int64(hid_t obj, const std::string& name, std::int64_t value) {
  attr_scalar(*this, obj, name, H5T_NATIVE_INT64, value);
}
void H5Writer::attr_double(hid_t obj, const std::string& name, double value) {
  attr_scalar(*this, obj, name, H5T_NATIVE_DOUBLE, value);
}

H5Handle H5Writer::create_array(hid_t loc, const std::string& name, hid_t type, const void* data,
                                std::size_t count, const std::vector<hsize_t>& dims,
                                const std::string& unit, const std::string& description) {
  const std::string what = "writing dataset " + child_name(loc, name);
  hsize_t total = 1;
  for (auto d : dims) total *= d;
  if (total != count) throw OutputError(shown_ + ": " + what + ": shape does not match the data");
  errno = 0;
  H5Handle space(H5Screate_simple(static_cast<int>(dims.size()), dims.data(), nullptr), H5Sclose);
  H5Handle props(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
  if (!space.ok() || !props.ok()) fail(what, errno);
  if (total >= 4096) {  // compress large arrays; chunk whole rows
    std::vector<hsize_t> chunk = dims;
    const hsize_t row = std::max<hsize_t>(1, total / dims[0]);
    chunk[0] = std::max<hsize_t>(1, std::min<hsize_t>(dims[0], (1u << 16) / row));
    if (H5Pset_chunk(props.get(), static_cast<int>(chunk.size()), chunk.data()) < 0 ||
        H5Pset_deflate(props.get(), 4) < 0)
      fail(what, errno);
  }
  H5Handle ds(
      H5Dcreate2(loc, name.c_str(), type, space.get(), H5P_DEFAULT, props.get(), H5P_DEFAULT),
      H5Dclose);
  if (!ds.ok()) fail(what, errno);
  if (total > 0 && H5Dwrite(ds.get(), type, H5S_ALL, H5S_ALL, H5P_DEFAULT, data) < 0)
    fail(what, errno);
  attr_string(ds.get(), schema::kUnits, unit);
  attr_string(ds.get(), schema::kDescription, description);
  return ds;
}

void H5Writer::write_strings(hid_t loc, const std::string& name,
                             const std::vector<std::string>& values, const std::string& unit,
                             const std::string& description) {
  H5Handle ds = create_strings(loc, name, values, unit, description);
  close(ds);
}

H5Handle H5Writer::create_strings(hid_t loc, const std::string& name,
                                  const std::vector<std::string>& values, const std::string& unit,
                                  const std::string& description) {
  const std::string what = "writing dataset " + child_name(loc, name);
  errno = 0;
  H5Handle type = variable_string_type();
  const hsize_t n = values.size();
  H5Handle space(H5Screate_simple(1, &n, nullptr), H5Sclose);
  if (!type.ok() || !space.ok()) fail(what, errno);
  H5Handle ds(
      H5Dcreate2(loc, name.c_str(), type.get(), space.get(), H5P_DEFAULT, H5P_DEFAULT, H5P_DEFAULT),
      H5Dclose);
  if (!ds.ok()) fail(what, errno);
  std::vector<const char*> ptrs;
  for (const auto& v : values) ptrs.push_back(v.c_str());
  if (n > 0 && H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data()) < 0)
    fail(what, errno);
  attr_string(ds.get(), schema::kUnits, unit);
  attr_string(ds.get(), schema::kDescription, description);
  return ds;
}

void H5Table::add(std::string name, Type type, std::size_t str_len) {
  Column c{std::move(name), type, row_size_, 0};
  c.size = type == Type::Str ? std::max<std::size_t>(1, str_len) : type == Type::U8 ? 1 : 8;
  row_size_ += c.size;
  cols_.push_back(std::move(c));
}

void H5Table::resize(std::size_t rows) {
  data_.assign(rows * row_size_, 0);
  rows_ = rows;
}

void H5Table::set_i64(std::size_t row, std::size_t col, std::int64_t v) {
  std::memcpy(at(row, col), &v, sizeof v);
}
void H5Table::set_f64(std::size_t row, std::size_t col, double v) {
  std::memcpy(at(row, col), &v, sizeof v);
}
void H5Table::set_u8(std::size_t row, std::size_t col, std::uint8_t v) { *at(row, col) = v; }
void H5Table::set_str(std::size_t row, std::size_t col, const std::string& v) {
  std::memcpy(at(row, col), v.data(), std::min(v.size(), cols_[col].size));
}

H5Handle H5Writer::create_table(hid_t loc, const std::string& name, const H5Table& table) {
  const std::string what = "writing table " + child_name(loc, name);
  errno = 0;
  H5Handle type(H5Tcreate(H5T_COMPOUND, std::max<std::size_t>(1, table.row_size_)), H5Tclose);
  if (!type.ok()) fail(what, errno);
  for (const auto& c : table.cols_) {
    H5Handle str;
    hid_t field = c.type == H5Table::Type::I64   ? H5T_NATIVE_INT64
                  : c.type == H5Table::Type::F64 ? H5T_NATIVE_DOUBLE
                                                 : H5T_NATIVE_UINT8;
    if (c.type == H5Table::Type::Str) {
      str = H5Handle(H5Tcopy(H5T_C_S1), H5Tclose);
      if (!str.ok() || H5Tset_size(str.get(), c.size) < 0 ||
          H5Tset_strpad(str.get(), H5T_STR_NULLPAD) < 0 ||
          H5Tset_cset(str.get(), H5T_CSET_UTF8) < 0)
        fail(what, errno);
      field = str.get();
    }
    if (H5Tinsert(type.get(), c.name.c_str(), c.offset, field) < 0)
      fail(what + " (column " + c.name + ")", errno);
  }
  const hsize_t dims[1] = {table.rows_};
  H5Handle space(H5Screate_simple(1, dims, nullptr), H5Sclose);
  H5Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), H5Pclose);
  if (!space.ok() || !dcpl.ok() || H5Pset_obj_track_times(dcpl.get(), false) < 0) fail(what, errno);
  H5Handle ds(
      H5Dcreate2(loc, name.c_str(), type.get(), space.get(), H5P_DEFAULT, dcpl.get(), H5P_DEFAULT),
      H5Dclose);
  if (!ds.ok()) fail(what, errno);
  if (table.rows_ > 0 &&
      H5Dwrite(ds.get(), type.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, table.data_.data()) < 0)
    fail(what, errno);
  return ds;
}

void H5Writer::make_scale(hid_t dataset, const std::string& name) {
  errno = 0;
  if (H5DSset_scale(dataset, name.c_str()) < 0)
    fail("making " + h5_name_of(dataset) + " a dimension scale", errno);
}

void H5Writer::attach_scale(hid_t dataset, hid_t scale, unsigned dim) {
  errno = 0;
  if (H5DSattach_scale(dataset, scale, dim) < 0)
    fail("attaching dimension scale " + h5_name_of(scale) + " to " + h5_name_of(dataset), errno);
}

void H5Writer::close(H5Handle& h) {
  if (!h.ok()) return;
  const std::string name = h5_name_of(h.get());
  errno = 0;
  if (h.close() < 0) fail("closing " + name, errno);
}

FileImage H5Writer::finish() {
  errno = 0;
  if (H5Fflush(file_.get(), H5F_SCOPE_GLOBAL) < 0) fail("flushing the file", errno);
  const ssize_t size = H5Fget_file_image(file_.get(), nullptr, 0);
  if (size < 0) fail("taking the file image", errno);
  FileImage image{std::make_unique_for_overwrite<char[]>(static_cast<std::size_t>(size)),
                  static_cast<std::size_t>(size)};
  if (H5Fget_file_image(file_.get(), image.data.get(), image.size) != size)
    fail("taking the file image", errno);
  if (file_.close() < 0) fail("closing the file", errno);
  return image;
}

}  // namespace placesim
