// rustc: error[E0597]
// A reference may not outlive what it borrows: 'orders' is freed at the end of the
// inner block, while 'largest' is read after it.
fn main() {
    let largest;
    {
        let orders = vec![1, 2, 3, 4];
        largest = orders.iter().max().unwrap();
    }
    println!("largest order: {}", largest);
}
