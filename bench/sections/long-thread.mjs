export async function benchLongThread() { throw new Error("not written yet"); }
