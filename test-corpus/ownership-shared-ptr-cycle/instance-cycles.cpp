// ownership-shared-ptr-cycle, instance level: code that makes two shared objects own each
// other, or stores in an object a lambda that holds the object. The types alone are fine
// (a Peer only points to other Peers, like a list node); the code closes the loop.
// RUN-ARGS: -std=c++17
#include <functional>
#include <memory>
#include <utility>
#include <vector>

struct Peer {
  std::shared_ptr<Peer> peer;
  std::weak_ptr<Peer> watcher;
  std::vector<std::shared_ptr<Peer>> friends;
  std::function<void()> callback;
  void fire() {}
};

std::shared_ptr<Peer> makePeer() { return std::make_shared<Peer>(); }

//===----------------------------------------------------------------------===//
// Two objects that own each other
//===----------------------------------------------------------------------===//

void linkBothWays() {
  auto a = makePeer();
  auto b = makePeer();
  a->peer = b; // expect-note: ownership-shared-ptr-cycle {{'b' stored in 'a->peer' here}}
  b->peer = a; // expect: ownership-shared-ptr-cycle {{storing 'a' in 'b->peer' closes a std::shared_ptr cycle ('b' -> 'a' -> 'b')}}
}

void linkOneWay() {
  auto a = makePeer();
  auto b = makePeer();
  a->peer = b;
}

void linkBackWithWeak() {
  auto a = makePeer();
  auto b = makePeer();
  a->peer = b;
  b->watcher = a; // a weak_ptr does not own
}

void linkParameters(std::shared_ptr<Peer> a, std::shared_ptr<Peer> b) {
  a->peer = b;
  b->peer = a; // expect: ownership-shared-ptr-cycle {{closes a std::shared_ptr cycle}}
}

void linkThroughDereference() {
  auto a = makePeer();
  auto b = makePeer();
  (*a).peer = b;
  (*b).peer = a; // expect: ownership-shared-ptr-cycle {{storing 'a' in 'b->peer'}}
}

void linkThroughContainers() {
  auto a = makePeer();
  auto b = makePeer();
  a->friends.push_back(b);
  b->friends.push_back(a); // expect: ownership-shared-ptr-cycle {{storing 'a' in 'b->friends'}}
}

void linkFriendsOneWay() {
  auto a = makePeer();
  auto b = makePeer();
  auto c = makePeer();
  a->friends.push_back(b);
  a->friends.push_back(c);
  b->friends.push_back(c);
}

void ringOfThree() {
  auto a = makePeer();
  auto b = makePeer();
  auto c = makePeer();
  a->peer = b;
  b->peer = c;
  c->peer = a; // expect: ownership-shared-ptr-cycle {{('c' -> 'a' -> 'b' -> 'c')}}
}

void chainOfThree() {
  auto a = makePeer();
  auto b = makePeer();
  auto c = makePeer();
  a->peer = b;
  b->peer = c;
  c->peer = nullptr;
}

void linkedThenUnlinked() {
  auto a = makePeer();
  auto b = makePeer();
  a->peer = b;
  b->peer = a;
  // ... work with the pair ...
  a->peer.reset(); // breaks the cycle before the handles go away
}

void linkedThenNulled() {
  auto a = makePeer();
  auto b = makePeer();
  a->peer = b;
  b->peer = a;
  b->peer = nullptr;
}

void handleReassigned() {
  auto head = makePeer();
  auto n = makePeer();
  head->peer = n;
  n = makePeer(); // a different object from here on
  n->peer = head;
}

void pushFront() {
  auto head = makePeer();
  auto node = makePeer();
  node->peer = head;
  head = node;
}

void copyMemberToMember() {
  auto a = makePeer();
  auto b = makePeer();
  a->peer = b->peer; // not a handle we follow
}

//===----------------------------------------------------------------------===//
// An object that owns itself
//===----------------------------------------------------------------------===//

void ownsItself() {
  auto node = makePeer();
  node->peer = node; // expect: ownership-shared-ptr-cycle {{'node->peer' holds 'node' itself}}
}

void ownsItselfInList() {
  auto node = makePeer();
  node->friends.emplace_back(node); // expect: ownership-shared-ptr-cycle {{'node->friends' holds 'node' itself}}
}

void callbackCapturesItsOwner() {
  auto obj = makePeer();
  obj->callback = [obj] { obj->fire(); }; // expect: ownership-shared-ptr-cycle {{lambda stored in 'obj->callback' captures 'obj'}}
}

void callbackInitCapture() {
  auto obj = makePeer();
  obj->callback = [self = obj] { self->fire(); }; // expect: ownership-shared-ptr-cycle {{captures 'obj'}}
}

void callbackCapturesWeak() {
  auto obj = makePeer();
  std::weak_ptr<Peer> weak = obj;
  obj->callback = [weak] {
    if (auto self = weak.lock())
      self->fire();
  };
}

void callbackCapturesByReference() {
  auto obj = makePeer();
  obj->callback = [&obj] { obj->fire(); }; // a borrow: no ownership cycle
  obj->callback = nullptr;
}

void callbackCapturesOther() {
  auto obj = makePeer();
  auto other = makePeer();
  obj->callback = [other] { other->fire(); };
}

void callbackCapturesOtherThatOwnsBack() {
  auto obj = makePeer();
  auto other = makePeer();
  obj->callback = [other] { other->fire(); };
  other->peer = obj; // expect: ownership-shared-ptr-cycle {{storing 'obj' in 'other->peer' closes}}
}

void localFunctionHoldsIt() {
  auto obj = makePeer();
  std::function<void()> f = [obj] { obj->fire(); }; // held by a local, not by obj
  f();
}

//===----------------------------------------------------------------------===//
// Members that capture shared_from_this()
//===----------------------------------------------------------------------===//

class Timer : public std::enable_shared_from_this<Timer> {
public:
  void startLeaky() {
    onFire_ = [self = shared_from_this()] { self->tick(); }; // expect: ownership-shared-ptr-cycle {{lambda stored in 'this->onFire_' captures a std::shared_ptr to this object}}
  }
  void startWeak() {
    onFire_ = [weak = weak_from_this()] {
      if (auto self = weak.lock())
        self->tick();
    };
  }
  void startRaw() {
    onFire_ = [this] { tick(); }; // no ownership; the timer owns its callback
  }
  void keepSelf() {
    self_ = shared_from_this(); // expect: ownership-shared-ptr-cycle {{'this->self_' holds a std::shared_ptr to this object itself}}
  }
  void stop() { onFire_ = nullptr; }
  void tick() {}

private:
  std::function<void()> onFire_;
  std::shared_ptr<Timer> self_;
};

struct Derived : Peer {};

void ownsItselfThroughBase() {
  auto d = std::make_shared<Derived>();
  d->peer = d; // expect: ownership-shared-ptr-cycle {{'d->peer' holds 'd' itself}}
}
