"""CPython frees an object when its reference count drops to zero, at once; objects
that refer to each other never get there, and wait for the cycle collector.

Run as a test (docs/CMakeLists.txt); the output must match reference_cycles.stdout.
"""
import gc
import weakref


class Order:
    def __init__(self, name):
        self.name = name
        self.other = None


def report(name):
    print(f"freed {name}")


gc.disable()  # run the cycle collector only when this example asks for it

# No cycle: the last reference goes away and the object is freed on the spot.
single = Order("single")
weakref.finalize(single, report, "single")
print("dropping the last reference to 'single'")
del single

# A cycle: each order keeps the other's count above zero.
a, b = Order("a"), Order("b")
a.other, b.other = b, a
weakref.finalize(a, report, "a")
print("dropping the last references to 'a' and 'b'")
del a, b
print("nothing freed yet; running the cycle collector")
found = gc.collect()
print(f"the collector found {'some' if found else 'no'} unreachable objects")
