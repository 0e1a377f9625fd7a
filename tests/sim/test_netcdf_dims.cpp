// netCDF-4 dimensions (sim/netcdf_dims): coordinate variables per group, axes attached by
// dimension name, mistakes refused while writing; readers list a group's data without them.
#include <unistd.h>
#include <catch2/catch.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "placesim/version.hpp"
#include "sim/h5_reader.hpp"
#include "sim/h5_writer.hpp"
#include "sim/netcdf_dims.hpp"
#include "sim/output_schema.hpp"

using namespace placesim;
namespace fs = std::filesystem;

namespace {

// Writes a finished image to a file H5Reader accepts (schema version and complete set).
std::string save(H5Writer& w, const std::string& tag) {
  w.attr_int32(w.root(), schema::kSchemaVersion, kOutputSchemaVersion);
  w.attr_int32(w.root(), schema::kComplete, 1);
  const FileImage image = w.finish();
  const fs::path p = fs::temp_directory_path() /
                     ("placesim_dims_" + tag + "_" + std::to_string(::getpid()) + ".h5");
  std::ofstream(p, std::ios::binary)
      .write(image.data.get(), static_cast<std::streamsize>(image.size));
  return p.string();
}

}  // namespace

TEST_CASE("axes are attached to the coordinate variables of their own group", "[output][netcdf]") {
  H5Writer w("dims.h5");
  H5Handle g = w.create_group(w.root(), "series");
  write_coordinate(w, g.get(), "tick", std::vector<std::int32_t>{0, 1, 2}, "day", "Day.");
  write_index_coordinate(w, g.get(), "unit", 2, "id", "Unit.");
  write_string_variable(w, g.get(), "unit_name", {"a", "b"}, "unit", "text", "Name.");
  write_variable(w, g.get(), "q", std::vector<double>{1, 2, 3, 4, 5, 6}, {3, 2}, {"tick", "unit"},
                 "case", "Queue.");
  w.close(g);
  const std::string path = save(w, "ok");
  {
    const H5Reader f(path);
    CHECK(f.dim_names("/series/q") == std::vector<std::string>{"tick", "unit"});
    CHECK(f.dim_names("/series/unit_name") == std::vector<std::string>{"unit"});
    CHECK(f.is_coordinate("/series/tick"));
    CHECK_FALSE(f.is_coordinate("/series/q"));
    // Listing the data leaves the coordinates out; inspect asks for everything.
    CHECK(f.children("/series") == std::vector<std::string>{"q", "unit_name"});
    CHECK(f.children("/series", H5Reader::Coordinates::kInclude) ==
          std::vector<std::string>{"q", "tick", "unit", "unit_name"});
    CHECK(f.read_doubles("/series/unit") == std::vector<double>{0, 1});
  }
  fs::remove(path);
}

TEST_CASE("an axis without its coordinate, or of another length, is refused", "[output][netcdf]") {
  H5Writer w("dims.h5");
  H5Handle g = w.create_group(w.root(), "g");
  write_index_coordinate(w, g.get(), "tick", 3, "day", "Day.");
  const std::vector<double> four = {1, 2, 3, 4};
  // No coordinate named "unit" in this group (one in another group does not count).
  H5Handle other = w.create_group(w.root(), "other");
  write_index_coordinate(w, other.get(), "unit", 4, "id", "Unit.");
  CHECK_THROWS_AS(write_variable(w, g.get(), "a", four, {4}, {"unit"}, "1", "A."), OutputError);
  // A tick of 3 days cannot label 4 rows.
  CHECK_THROWS_AS(write_variable(w, g.get(), "b", four, {4}, {"tick"}, "1", "B."), OutputError);
  // One name per axis.
  CHECK_THROWS_AS(write_variable(w, g.get(), "c", four, {2, 2}, {"tick"}, "1", "C."), OutputError);
  // A plain dataset is not a dimension.
  write_variable(w, g.get(), "d", std::vector<double>{1, 2, 3}, {3}, {"tick"}, "1", "D.");
  CHECK_THROWS_AS(
      write_variable(w, g.get(), "e", std::vector<double>{1, 2, 3}, {3}, {"d"}, "1", "E."),
      OutputError);
}

TEST_CASE("a dimension without values stores nothing and still labels an axis by name",
          "[output][netcdf]") {
  H5Writer w("dims.h5");
  H5Handle g = w.create_group(w.root(), "rows");
  write_dimension(w, g.get(), "contact", 100000, "Row number of the contact.");
  write_variable(w, g.get(), "day", std::vector<std::int32_t>(100000, 7), {100000}, {"contact"},
                 "day", "Day.");
  w.close(g);
  const std::string path = save(w, "rows");
  {
    const H5Reader f(path);
    CHECK(f.dim_names("/rows/day") == std::vector<std::string>{"contact"});
    CHECK(f.is_coordinate("/rows/contact"));
    CHECK(f.children("/rows") == std::vector<std::string>{"day"});
    const auto name = f.attr_string("/rows/contact", "NAME");
    REQUIRE(name);
    CHECK(name->rfind(kDimensionNotVariable, 0) == 0);
  }
  // 100,000 int32 row numbers would be 400 kB; the file holds the day column (compressed) only.
  CHECK(fs::file_size(path) < 100000);
  fs::remove(path);
}
