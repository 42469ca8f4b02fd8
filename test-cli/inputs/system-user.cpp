#include <utility>
#include <vendor.h>

struct Token {
  Token();
  Token(Token &&);
};
void take(Token);

int caller() {
  int n = 0;
  vendor_visit(n);
  static_assert(vendor_size() == 4);
  Token t;
  take(std::move(t));
  take(std::move(t));
  return vendor_helper();
}
