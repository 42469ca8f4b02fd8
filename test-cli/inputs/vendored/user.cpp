// Includes the vendored header through -isystem, and the standard library.
#include <string>
#include <vendored/queue.h>

int main() { return std::string("x").size() == 1 ? 0 : 1; }
