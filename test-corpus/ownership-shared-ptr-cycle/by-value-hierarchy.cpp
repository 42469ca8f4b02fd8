// ownership-shared-ptr-cycle: class hierarchies and members held by value. A
// std::shared_ptr<Base> may point to any class derived from Base, but a member (or a
// container element) of type Base held by value is exactly a Base: it never holds the
// members of a derived class.
#include <memory>
#include <vector>

namespace by_value_base_cannot_hold_derived {
struct Session;
struct Event {
  int id = 0;
};
struct TimedEvent : Event {
  std::shared_ptr<Session> session; // only a TimedEvent keeps a Session alive
};
struct Channel {
  std::vector<Event> history; // by value: Events only, never TimedEvents
};
struct Session {
  std::shared_ptr<Channel> channel;
};
} // namespace by_value_base_cannot_hold_derived

namespace pointer_to_base_may_hold_derived {
struct Session;
struct Event {
  int id = 0;
};
struct TimedEvent : Event {
  std::shared_ptr<Session> session; // expect: ownership-shared-ptr-cycle {{'TimedEvent::session' closes}}
};
struct Channel {
  std::vector<std::shared_ptr<Event>> history; // may hold TimedEvents
};
struct Session {
  std::shared_ptr<Channel> channel;
};
} // namespace pointer_to_base_may_hold_derived

namespace by_value_class_with_the_member {
struct Session;
struct Event {
  std::shared_ptr<Session> session; // expect: ownership-shared-ptr-cycle {{'Event::session' closes}}
};
struct TimedEvent : Event {
  int due = 0;
};
struct Channel {
  std::vector<Event> history; // an Event holds a Session itself
};
struct Session {
  std::shared_ptr<Channel> channel;
};
} // namespace by_value_class_with_the_member

namespace by_value_derived_holds_base_members {
struct Session;
struct Event {
  std::shared_ptr<Session> session; // expect: ownership-shared-ptr-cycle {{'Event::session' closes}}
};
struct TimedEvent : Event {
  int due = 0;
};
struct Channel {
  std::vector<TimedEvent> history; // a TimedEvent holds its base's members
};
struct Session {
  std::shared_ptr<Channel> channel;
};
} // namespace by_value_derived_holds_base_members

namespace sliced_children_with_parent {
// Children held by value as the base class cannot be Groups: no Group owns another.
struct Shape {
  int kind = 0;
};
struct Group : Shape {
  std::vector<Shape> parts;
  std::shared_ptr<Group> parent;
};
} // namespace sliced_children_with_parent
