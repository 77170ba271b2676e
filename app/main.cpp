#include "app/commands.hpp"
#include "sim/communicator.hpp"

int main(int argc, char** argv) {
  // Started only under an MPI launcher (mpirun, srun); a plain run never touches MPI.
  const tcosim::MpiSession mpi(&argc, &argv);
  return tcosim::cli_main(argc, argv);
}
