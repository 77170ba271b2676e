#include "app/commands.hpp"

int main(int argc, char** argv) { return tcosim::cli_main(argc, argv); }
