// rustc: ok
// Drop runs when an owner goes out of scope, in reverse order of declaration, and not
// at all for a value that was moved away: its new owner drops it.
struct Orders {
    name: &'static str,
}

impl Drop for Orders {
    fn drop(&mut self) {
        println!("freeing {}", self.name);
    }
}

fn archive(orders: Orders) {
    println!("archiving {}", orders.name);
} // 'orders' is dropped here, at the end of archive()

fn main() {
    let today = Orders { name: "today" };
    let yesterday = Orders { name: "yesterday" };
    archive(yesterday);
    let _tomorrow = Orders { name: "tomorrow" };
    println!("leaving main with {}", today.name);
}
