// rustc: ok
// The fix: archive() borrows the orders (&Vec<i64>) instead of taking them, so the
// caller keeps ownership and the vector is freed when 'orders' goes out of scope.
fn archive(orders: &Vec<i64>) {
    println!("archived {} orders", orders.len());
}

fn finish(total_orders: i64) -> i64 {
    total_orders
}

fn get_final_orders() -> i64 {
    let orders = vec![1, 2, 3, 4];
    archive(&orders);
    let mut total_orders = 0;
    for order in &orders {
        total_orders += order;
    }
    finish(total_orders)
} // 'orders' goes out of scope: Rust inserts the deallocation here

fn main() {
    println!("{}", get_final_orders());
}
