#include "sim/h5_reader.hpp"

#include <hdf5_hl.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

#include "placesim/version.hpp"
#include "sim/h5_handle.hpp"
#include "sim/output_schema.hpp"

namespace placesim {
namespace fs = std::filesystem;
namespace {

std::string format_number(double v) {
  char buf[64];
  if (std::isfinite(v) && v == std::floor(v) && std::fabs(v) < 1e15)
    std::snprintf(buf, sizeof buf, "%.0f", v);
  else
    std::snprintf(buf, sizeof buf, "%.6g", v);
  return buf;
}

std::string type_name_of(hid_t type) {
  const H5T_class_t cls = H5Tget_class(type);
  const std::size_t size = H5Tget_size(type);
  switch (cls) {
    case H5T_INTEGER:
      return std::string(H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") +
             std::to_string(8 * size);
    case H5T_FLOAT:
      return "float" + std::to_string(8 * size);
    case H5T_STRING:
      return "string";
    case H5T_COMPOUND:
      return "compound";
    case H5T_ENUM:
      return "enum";
    default:
      return "other";
  }
}

// Reads the values of one attribute or dataset of string type, whatever its storage.
std::vector<std::string> read_string_values(hid_t obj, hid_t ftype, std::size_t n, bool is_attr) {
  std::vector<std::string> out;
  if (H5Tis_variable_str(ftype) > 0) {
    H5Handle mtype(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(mtype.get(), H5T_VARIABLE);
    H5Tset_cset(mtype.get(), H5Tget_cset(ftype));  // HDF5 will not convert ASCII <-> UTF-8
    std::vector<char*> ptrs(n, nullptr);
    const herr_t rc = is_attr
                          ? H5Aread(obj, mtype.get(), ptrs.data())
                          : H5Dread(obj, mtype.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, ptrs.data());
    if (rc < 0) throw std::runtime_error("string read failed");
    for (char* p : ptrs) {
      out.emplace_back(p ? p : "");
      H5free_memory(p);
    }
  } else {
    // One byte more than stored: a string that fills its field has no terminator on disk, and
    // HDF5 would drop its last character to make room for one.
    const std::size_t size = H5Tget_size(ftype) + 1;
    H5Handle mtype(H5Tcopy(H5T_C_S1), H5Tclose);
    H5Tset_size(mtype.get(), size);
    H5Tset_cset(mtype.get(), H5Tget_cset(ftype));
    std::vector<char> buf(n * size + 1, '\0');
    const herr_t rc = is_attr
                          ? H5Aread(obj, mtype.get(), buf.data())
                          : H5Dread(obj, mtype.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf.data());
    if (rc < 0) throw std::runtime_error("string read failed");
    for (std::size_t i = 0; i < n; ++i) {
      const char* s = buf.data() + i * size;
      out.emplace_back(s, strnlen(s, size));
    }
  }
  return out;
}

std::size_t element_count(hid_t space) {
  const hssize_t n = H5Sget_simple_extent_npoints(space);
  return n < 0 ? 0 : static_cast<std::size_t>(n);
}

}  // namespace

H5Reader::H5Reader(const std::string& path) : path_(path) {
  h5_silence_errors();  // errors become InputError, not stack dumps
  std::error_code ec;
  if (!fs::exists(path, ec)) fail("no such file");
  if (fs::is_directory(path, ec)) fail("is a directory, not an HDF5 file");
  // Opening a FIFO would block for ever; a device is nothing placesim wrote.
  if (!fs::is_regular_file(path, ec)) fail("is not a regular file, not an HDF5 file");
  if (H5Fis_hdf5(path.c_str()) <= 0) fail("is not an HDF5 file (no HDF5 signature)");
  file_ = H5Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
  if (!file_.ok())
    fail(
        "is an HDF5 file that cannot be opened: it is truncated or damaged (was it copied "
        "while being written?)");
  check_schema();
}

void H5Reader::check_schema() const {
  namespace S = schema;
  if (H5Aexists_by_name(file_.get(), "/", S::kSchemaVersion, H5P_DEFAULT) > 0) {
    const H5Handle a = open_attr("/", S::kSchemaVersion);
    H5Handle t(a.ok() ? H5Aget_type(a.get()) : -1, H5Tclose);
    if (!t.ok())
      fail("has a 'schema_version' attribute that cannot be read (the file may be damaged)");
    if (H5Tget_class(t.get()) != H5T_INTEGER)
      fail("has a schema_version attribute of type " + type_name_of(t.get()) +
           "; expected an integer");
  }
  const auto schema = attr_number("/", S::kSchemaVersion);
  // Sweep summaries written before they carried a schema version are still recognisable by
  // their provenance and their table; anything else without a version is not ours.
  const bool versionless_sweep = !schema && attr_string("/", S::kPlacesimVersion) &&
                                 attr_string("/", S::sweep::kSweep) &&
                                 is_dataset(S::sweep::kRunsTable);
  if (!schema && !versionless_sweep)
    fail("is not placesim output (no 'schema_version' attribute on the root group)");
  if (schema && static_cast<int>(*schema) != kOutputSchemaVersion)
    fail("has output schema version " + format_number(*schema) + ", but this placesim (" +
         std::string(kVersion) + ") reads schema version " + std::to_string(kOutputSchemaVersion) +
         "; use the placesim that wrote it, or run the experiment again");
  const auto complete = attr_number("/", S::kComplete);
  if (!complete || *complete != 1)
    fail(
        "is unfinished (no 'complete' attribute): the run or sweep was interrupted or is "
        "still being written");
}

H5Reader::~H5Reader() = default;

void H5Reader::fail(const std::string& what) const { throw InputError(path_ + ": " + what); }

bool H5Reader::exists(const std::string& obj) const {
  if (obj == "/" || obj.empty()) return true;
  // Walk component by component: H5Lexists fails if an intermediate link is missing.
  std::string cur;
  std::size_t pos = obj[0] == '/' ? 1 : 0;
  while (pos <= obj.size()) {
    const std::size_t next = obj.find('/', pos);
    cur = obj.substr(0, next == std::string::npos ? obj.size() : next);
    if (H5Lexists(file_.get(), cur.c_str(), H5P_DEFAULT) <= 0) return false;
    if (next == std::string::npos) break;
    pos = next + 1;
  }
  return H5Oexists_by_name(file_.get(), obj.c_str(), H5P_DEFAULT) > 0;
}

bool H5Reader::is_group(const std::string& obj) const {
  if (!exists(obj)) return false;
  H5O_info_t info;
  if (H5Oget_info_by_name(file_.get(), obj.c_str(), &info, H5P_DEFAULT) < 0) return false;
  return info.type == H5O_TYPE_GROUP;
}

bool H5Reader::is_dataset(const std::string& obj) const {
  if (!exists(obj)) return false;
  H5O_info_t info;
  if (H5Oget_info_by_name(file_.get(), obj.c_str(), &info, H5P_DEFAULT) < 0) return false;
  return info.type == H5O_TYPE_DATASET;
}

bool H5Reader::is_coordinate(const std::string& dataset) const {
  if (!is_dataset(dataset)) return false;
  H5Handle d(H5Dopen2(file_.get(), dataset.c_str(), H5P_DEFAULT), H5Dclose);
  return d.ok() && H5DSis_scale(d.get()) > 0;
}

namespace {
// H5DSiterate_scales callback: keeps the base name of each scale seen (the last one wins).
herr_t note_scale_name(hid_t, unsigned, hid_t scale, void* out) {
  const std::string path = h5_name_of(scale);
  *static_cast<std::string*>(out) = path.substr(path.rfind('/') + 1);
  return 0;
}
}  // namespace

std::vector<std::string> H5Reader::dim_names(const std::string& dataset) const {
  H5Handle d(H5Dopen2(file_.get(), dataset.c_str(), H5P_DEFAULT), H5Dclose);
  if (!d.ok()) fail("cannot open dataset " + dataset);
  H5Handle space(H5Dget_space(d.get()), H5Sclose);
  const int rank = space.ok() ? H5Sget_simple_extent_ndims(space.get()) : 0;
  std::vector<std::string> names(static_cast<std::size_t>(std::max(rank, 0)));
  for (int i = 0; i < rank; ++i)
    if (H5DSget_num_scales(d.get(), static_cast<unsigned>(i)) > 0)
      H5DSiterate_scales(d.get(), static_cast<unsigned>(i), nullptr, note_scale_name,
                         &names[static_cast<std::size_t>(i)]);
  return names;
}

std::vector<std::string> H5Reader::children(const std::string& group, Coordinates coords) const {
  std::vector<std::string> names;
  if (!is_group(group)) return names;
  H5Handle g(H5Gopen2(file_.get(), group.c_str(), H5P_DEFAULT), H5Gclose);
  if (!g.ok()) fail("cannot open group " + group);
  H5G_info_t info;
  if (H5Gget_info(g.get(), &info) < 0) fail("cannot list group " + group);
  for (hsize_t i = 0; i < info.nlinks; ++i) {
    const ssize_t len =
        H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
    if (len < 0) fail("cannot list group " + group);
    std::string name(static_cast<std::size_t>(len), '\0');
    H5Lget_name_by_idx(g.get(), ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(),
                       static_cast<std::size_t>(len) + 1, H5P_DEFAULT);
    names.push_back(name);
  }
  if (coords == Coordinates::kSkip) {
    const std::string prefix = group == "/" ? "/" : group + "/";
    std::erase_if(names, [&](const std::string& n) { return is_coordinate(prefix + n); });
  }
  return names;
}

std::vector<std::uint64_t> H5Reader::dims(const std::string& dataset) const {
  H5Handle d(H5Dopen2(file_.get(), dataset.c_str(), H5P_DEFAULT), H5Dclose);
  if (!d.ok()) fail("cannot open dataset " + dataset);
  H5Handle space(H5Dget_space(d.get()), H5Sclose);
  const int rank = H5Sget_simple_extent_ndims(space.get());
  std::vector<hsize_t> dd(static_cast<std::size_t>(std::max(rank, 0)));
  if (rank > 0) H5Sget_simple_extent_dims(space.get(), dd.data(), nullptr);
  return {dd.begin(), dd.end()};
}

std::string H5Reader::type_name(const std::string& dataset) const {
  H5Handle d(H5Dopen2(file_.get(), dataset.c_str(), H5P_DEFAULT), H5Dclose);
  if (!d.ok()) fail("cannot open dataset " + dataset);
  H5Handle t(H5Dget_type(d.get()), H5Tclose);
  return type_name_of(t.get());
}

std::vector<double> H5Reader::read_doubles(const std::string& dataset) const {
  H5Handle d(H5Dopen2(file_.get(), dataset.c_str(), H5P_DEFAULT), H5Dclose);
  if (!d.ok()) fail("cannot open dataset " + dataset);
  H5Handle t(H5Dget_type(d.get()), H5Tclose);
  const H5T_class_t cls = H5Tget_class(t.get());
  if (cls != H5T_INTEGER && cls != H5T_FLOAT) fail("dataset " + dataset + " is not numeric");
  H5Handle space(H5Dget_space(d.get()), H5Sclose);
  std::vector<double> out(element_count(space.get()));
  if (!out.empty() &&
      H5Dread(d.get(), H5T_NATIVE_DOUBLE, H5S_ALL, H5S_ALL, H5P_DEFAULT, out.data()) < 0)
    fail("cannot read dataset " + dataset + " (the file may be damaged)");
  return out;
}

std::optional<double> H5Reader::read_element(const std::string& dataset,
                                             std::uint64_t index) const {
  H5Handle d(H5Dopen2(file_.get(), dataset.c_str(), H5P_DEFAULT), H5Dclose);
  if (!d.ok()) return std::nullopt;
  H5Handle space(H5Dget_space(d.get()), H5Sclose);
  if (H5Sget_simple_extent_ndims(space.get()) != 1) return std::nullopt;
  hsize_t n = 0;
  H5Sget_simple_extent_dims(space.get(), &n, nullptr);
  if (index >= n) return std::nullopt;
  const hsize_t start = index, count = 1;
  H5Sselect_hyperslab(space.get(), H5S_SELECT_SET, &start, nullptr, &count, nullptr);
  H5Handle mem(H5Screate_simple(1, &count, nullptr), H5Sclose);
  double v = 0;
  if (H5Dread(d.get(), H5T_NATIVE_DOUBLE, mem.get(), space.get(), H5P_DEFAULT, &v) < 0)
    return std::nullopt;
  return v;
}

std::vector<std::string> H5Reader::read_strings(const std::string& dataset) const {
  H5Handle d(H5Dopen2(file_.get(), dataset.c_str(), H5P_DEFAULT), H5Dclose);
  if (!d.ok()) fail("cannot open dataset " + dataset);
  H5Handle t(H5Dget_type(d.get()), H5Tclose);
  if (H5Tget_class(t.get()) != H5T_STRING) fail("dataset " + dataset + " is not a string array");
  H5Handle space(H5Dget_space(d.get()), H5Sclose);
  try {
    return read_string_values(d.get(), t.get(), element_count(space.get()), false);
  } catch (const std::runtime_error&) {
    fail("cannot read dataset " + dataset + " (the file may be damaged)");
  }
}

std::vector<TableColumn> H5Reader::read_table(const std::string& dataset) const {
  H5Handle d(H5Dopen2(file_.get(), dataset.c_str(), H5P_DEFAULT), H5Dclose);
  if (!d.ok()) fail("cannot open dataset " + dataset);
  H5Handle ftype(H5Dget_type(d.get()), H5Tclose);
  if (H5Tget_class(ftype.get()) != H5T_COMPOUND) fail("dataset " + dataset + " is not a table");
  H5Handle space(H5Dget_space(d.get()), H5Sclose);
  const std::size_t n = element_count(space.get());
  const int members = H5Tget_nmembers(ftype.get());
  std::vector<TableColumn> cols;
  for (int m = 0; m < members; ++m) {
    char* raw = H5Tget_member_name(ftype.get(), static_cast<unsigned>(m));
    TableColumn col;
    col.name = raw ? raw : "";
    H5free_memory(raw);
    H5Handle mtype_file(H5Tget_member_type(ftype.get(), static_cast<unsigned>(m)), H5Tclose);
    const H5T_class_t cls = H5Tget_class(mtype_file.get());
    // Read one field at a time through a one-member memory compound: HDF5 matches by name.
    auto read_field = [&](hid_t field_mem_type, void* buf) {
      H5Handle mem(H5Tcreate(H5T_COMPOUND, H5Tget_size(field_mem_type)), H5Tclose);
      H5Tinsert(mem.get(), col.name.c_str(), 0, field_mem_type);
      if (n > 0 && H5Dread(d.get(), mem.get(), H5S_ALL, H5S_ALL, H5P_DEFAULT, buf) < 0)
        fail("cannot read column '" + col.name + "' of " + dataset);
    };
    if (cls == H5T_INTEGER || cls == H5T_FLOAT) {
      col.values.resize(n);
      read_field(H5T_NATIVE_DOUBLE, col.values.data());
    } else if (cls == H5T_STRING) {
      col.numeric = false;
      if (H5Tis_variable_str(mtype_file.get()) > 0) {
        H5Handle st(H5Tcopy(H5T_C_S1), H5Tclose);
        H5Tset_size(st.get(), H5T_VARIABLE);
        H5Tset_cset(st.get(), H5Tget_cset(mtype_file.get()));
        std::vector<char*> ptrs(n, nullptr);
        read_field(st.get(), ptrs.data());
        for (char* p : ptrs) {
          col.text.emplace_back(p ? p : "");
          H5free_memory(p);
        }
      } else {
        const std::size_t size = H5Tget_size(mtype_file.get()) + 1;  // room for a terminator
        H5Handle st(H5Tcopy(H5T_C_S1), H5Tclose);
        H5Tset_size(st.get(), size);
        H5Tset_cset(st.get(), H5Tget_cset(mtype_file.get()));
        std::vector<char> buf(n * size + 1, '\0');
        read_field(st.get(), buf.data());
        for (std::size_t i = 0; i < n; ++i)
          col.text.emplace_back(buf.data() + i * size, strnlen(buf.data() + i * size, size));
      }
    } else if (cls == H5T_ENUM) {
      // Booleans from h5py and status enums: keep the enum's names as text.
      col.numeric = false;
      H5Handle native(H5Tget_native_type(mtype_file.get(), H5T_DIR_ASCEND), H5Tclose);
      const std::size_t size = H5Tget_size(native.get());
      std::vector<unsigned char> buf(std::max<std::size_t>(1, n * size));
      read_field(native.get(), buf.data());
      for (std::size_t i = 0; i < n; ++i) {
        char name[128] = {0};
        if (H5Tenum_nameof(native.get(), buf.data() + i * size, name, sizeof name) < 0)
          std::snprintf(name, sizeof name, "?");
        col.text.emplace_back(name);
      }
    } else {
      continue;  // nested or opaque fields have no place in a summary table
    }
    cols.push_back(std::move(col));
  }
  return cols;
}

std::vector<std::string> H5Reader::attr_names(const std::string& obj) const {
  std::vector<std::string> names;
  H5O_info_t info;
  if (H5Oget_info_by_name(file_.get(), obj.c_str(), &info, H5P_DEFAULT) < 0) return names;
  for (hsize_t i = 0; i < info.num_attrs; ++i) {
    const ssize_t len = H5Aget_name_by_idx(file_.get(), obj.c_str(), H5_INDEX_NAME, H5_ITER_INC, i,
                                           nullptr, 0, H5P_DEFAULT);
    if (len < 0) continue;
    std::string name(static_cast<std::size_t>(len), '\0');
    H5Aget_name_by_idx(file_.get(), obj.c_str(), H5_INDEX_NAME, H5_ITER_INC, i, name.data(),
                       static_cast<std::size_t>(len) + 1, H5P_DEFAULT);
    names.push_back(name);
  }
  return names;
}

H5Handle H5Reader::open_attr(const std::string& obj, const std::string& name) const {
  if (H5Aexists_by_name(file_.get(), obj.c_str(), name.c_str(), H5P_DEFAULT) <= 0) return {};
  return H5Handle(H5Aopen_by_name(file_.get(), obj.c_str(), name.c_str(), H5P_DEFAULT, H5P_DEFAULT),
                  H5Aclose);
}

std::optional<std::vector<double>> H5Reader::attr_numbers(const std::string& obj,
                                                          const std::string& name) const {
  const H5Handle a = open_attr(obj, name);
  if (!a.ok()) return std::nullopt;
  H5Handle t(H5Aget_type(a.get()), H5Tclose);
  const H5T_class_t cls = H5Tget_class(t.get());
  if (cls != H5T_INTEGER && cls != H5T_FLOAT) return std::nullopt;
  H5Handle space(H5Aget_space(a.get()), H5Sclose);
  std::vector<double> v(std::max<std::size_t>(1, element_count(space.get())));
  if (H5Aread(a.get(), H5T_NATIVE_DOUBLE, v.data()) < 0) return std::nullopt;
  return v;
}

std::optional<std::string> H5Reader::attr_string(const std::string& obj,
                                                 const std::string& name) const {
  const H5Handle a = open_attr(obj, name);
  if (!a.ok()) return std::nullopt;
  H5Handle t(H5Aget_type(a.get()), H5Tclose);
  if (H5Tget_class(t.get()) != H5T_STRING) return std::nullopt;
  H5Handle space(H5Aget_space(a.get()), H5Sclose);
  try {
    const auto v = read_string_values(a.get(), t.get(), element_count(space.get()), true);
    std::string joined;
    for (const auto& s : v) joined += (joined.empty() ? "" : ",") + s;
    return joined;
  } catch (const std::runtime_error&) {
    return std::nullopt;
  }
}

std::optional<double> H5Reader::attr_number(const std::string& obj, const std::string& name) const {
  const auto v = attr_numbers(obj, name);
  if (!v) return std::nullopt;
  return v->front();
}

std::optional<std::string> H5Reader::attr_text(const std::string& obj,
                                               const std::string& name) const {
  if (auto s = attr_string(obj, name)) return s;
  const auto v = attr_numbers(obj, name);
  if (!v) {
    const H5Handle a = open_attr(obj, name);
    if (!a.ok()) return std::nullopt;
    H5Handle t(H5Aget_type(a.get()), H5Tclose);
    // Appended piece by piece: GCC 12 reports a false -Wrestrict for "(" + std::string.
    std::string kind = "(";
    kind += type_name_of(t.get());
    kind += ")";
    return kind;
  }
  std::string out;
  for (std::size_t i = 0; i < v->size() && i < 8; ++i) {
    if (i) out += ", ";
    out += format_number((*v)[i]);
  }
  if (v->size() > 8) out += ", ... (" + std::to_string(v->size()) + " values)";
  return out;
}

}  // namespace placesim
