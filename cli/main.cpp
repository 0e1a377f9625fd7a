// The placesim executable: a thin shell over the placesim_core library.
#include "cli/cli.hpp"

int main(int argc, char** argv) { return placesim::cli::main(argc, argv); }
