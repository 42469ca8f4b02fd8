// Legacy code of the example project for docs/guide/baseline.rst: two findings that
// nobody has time to fix today.
#include <string>
#include <utility>
#include <vector>

void send(std::string invoice);

void sendInvoice(std::string invoice) {
  send(std::move(invoice));
  send(invoice);
}

void closeBatch() {
  char *batch = new char[64];
  delete[] batch;
  delete[] batch;
}
