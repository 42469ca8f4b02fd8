// ownership-shared-ptr-cycle: a std::function member given a lambda that holds the owner
// through another name: a local copy of the handle, or a local initialized with
// shared_from_this(). The lambda keeps the object alive, and the object keeps the lambda.
// RUN-ARGS: -std=c++17
#include <functional>
#include <memory>
#include <utility>

struct Session : std::enable_shared_from_this<Session> {
  std::function<void()> onData;
  std::function<void()> onClose;
  void read() {}

  void startWithLocalSelf() {
    auto self = shared_from_this();
    onData = [self] { self->read(); }; // expect: ownership-shared-ptr-cycle {{lambda stored in 'this->onData' captures a std::shared_ptr to this object}}
  }

  void startWithInitCaptureOfLocalSelf() {
    auto self = shared_from_this();
    onClose = [keep = self] { keep->read(); }; // expect: ownership-shared-ptr-cycle {{captures a std::shared_ptr to this object}}
  }

  void startWithCopyOfSelf() {
    std::shared_ptr<Session> self = shared_from_this();
    std::shared_ptr<Session> again = self;
    onData = [again] { again->read(); }; // expect: ownership-shared-ptr-cycle {{captures a std::shared_ptr to this object}}
  }

  // Near misses: a weak_ptr, `this` itself, or a handle given another object first.
  void startWithWeakSelf() {
    std::weak_ptr<Session> weak = shared_from_this();
    onData = [weak] {
      if (auto self = weak.lock())
        self->read();
    };
  }

  void startWithRawThis() {
    onData = [this] { read(); };
  }

  void startWithReassignedSelf(std::shared_ptr<Session> other) {
    auto self = shared_from_this();
    self = std::move(other); // no longer this object
    onData = [self] { self->read(); };
  }
};

std::shared_ptr<Session> openSession() { return std::make_shared<Session>(); }

void copyOfHandleCaptured() {
  auto session = openSession();
  auto keep = session;
  session->onData = [keep] { keep->read(); }; // expect: ownership-shared-ptr-cycle {{lambda stored in 'session->onData' captures 'session'}}
}

void movedHandleCaptured() {
  auto session = openSession();
  auto owner = std::move(session);
  owner->onClose = [owner] { owner->read(); }; // expect: ownership-shared-ptr-cycle {{captures 'owner'}}
}

// Near misses: the lambda holds another session, is stored elsewhere, or is cleared.

void otherSessionCaptured() {
  auto session = openSession();
  auto peer = openSession();
  auto keep = peer;
  session->onData = [keep] { keep->read(); };
}

void storedInLocalFunction() {
  auto session = openSession();
  auto keep = session;
  std::function<void()> callback = [keep] { keep->read(); };
  callback();
}

void clearedBeforeReturn() {
  auto session = openSession();
  auto keep = session;
  session->onData = [keep] { keep->read(); };
  session->onData = nullptr;
}
