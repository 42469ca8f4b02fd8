// ownership-dangling: arguments that [[clang::lifetime_capture_by(global)]] or
// [[clang::lifetime_capture_by(unknown)]] hands to storage the function cannot see (Clang
// 20 and later). `global` is storage that lives as long as the program, like Rust's
// `'static`: a temporary dies at the end of its full-expression and a local when the
// function returns, both while the global may still refer to them. `unknown` may be a
// capturer that dies first: only a temporary is reported, as Clang's -Wdangling-capture
// does.
// REQUIRES-CLANG: 20
#include <string>
#include <string_view>

std::string makeName();
bool ready();

void remember(std::string_view name [[clang::lifetime_capture_by(global)]]);
void keepRef(const std::string &name [[clang::lifetime_capture_by(global)]]);
void rememberSomewhere(std::string_view name [[clang::lifetime_capture_by(unknown)]]);
void look(std::string_view name); // reads the characters during the call only

class Registry {
public:
  static void add(std::string_view name [[clang::lifetime_capture_by(global)]]);
};

//===----------------------------------------------------------------------===//
// Temporaries: gone at the end of the full-expression
//===----------------------------------------------------------------------===//

void temporaryCapturedByGlobal() {
  remember(makeName()); // expect: ownership-dangling {{the temporary does not live long enough: 'remember' keeps a reference to it past the call}}
                        // expect-note@-1: ownership-dangling {{borrowed here}} expect-note@-1: ownership-dangling {{temporary destroyed here}}
}

void temporaryBoundToCapturedReference() {
  keepRef(makeName() + "!"); // expect: ownership-dangling {{the temporary does not live long enough: 'keepRef' keeps a reference to it past the call}}
}

void temporaryCapturedByStaticMember() {
  Registry::add(makeName()); // expect: ownership-dangling {{the temporary does not live long enough: 'add' keeps a reference to it past the call}}
}

void temporaryCapturedByUnknown() {
  rememberSomewhere(makeName()); // expect: ownership-dangling {{the temporary does not live long enough: 'rememberSomewhere' keeps a reference to it past the call}}
}

//===----------------------------------------------------------------------===//
// Locals and by-value parameters: gone when the function returns
//===----------------------------------------------------------------------===//

void localCapturedByGlobal() {
  std::string local = makeName();
  remember(local); // expect: ownership-dangling {{'local' does not live long enough: 'remember' keeps a reference to it past the function's return}}
                   // expect-note@-1: ownership-dangling {{borrowed here}}
} // expect-note: ownership-dangling {{'local' goes out of scope here}}

void localThroughAView() {
  std::string local = makeName();
  std::string_view view = local;
  remember(view); // expect: ownership-dangling {{'local' does not live long enough: 'remember' keeps a reference to it past the function's return}}
}

void byValueParameterCaptured(std::string name) {
  keepRef(name); // expect: ownership-dangling {{'name' does not live long enough: 'keepRef' keeps a reference to it past the function's return}}
}

void localCapturedOnOnePath() {
  std::string local = makeName();
  if (ready())
    remember(local); // expect: ownership-dangling {{'local' may not live long enough: 'remember' may keep a reference to it past the function's return}}
}

//===----------------------------------------------------------------------===//
// Not findings
//===----------------------------------------------------------------------===//

std::string g_name;

void literalCaptured() { remember("literal"); }

void globalCaptured() { remember(g_name); }

void staticLocalCaptured() {
  static std::string cached = makeName();
  remember(cached);
}

// The caller's string outlives this function; whether it outlives the global is the
// caller's business.
void referenceParameterCaptured(const std::string &name) { keepRef(name); }

void parameterWithoutTheAttribute() {
  std::string local = makeName();
  look(local);
  look(makeName());
}

// `unknown` may be a capturer that dies before the local.
void localCapturedByUnknown() {
  std::string local = makeName();
  rememberSomewhere(local);
}

// main's locals live until the program ends.
int main() {
  std::string local = makeName();
  remember(local);
  return 0;
}
