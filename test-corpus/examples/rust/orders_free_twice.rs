// rustc: error[E0382]
// Freeing twice. The first drop() took ownership; there is nothing left to drop.
fn get_final_orders() -> i64 {
    let orders = vec![1, 2, 3, 4];
    let total_orders: i64 = orders.iter().sum();
    drop(orders);
    drop(orders);
    total_orders
}

fn main() {
    println!("{}", get_final_orders());
}
