export async function benchLighthouse() { throw new Error("not written yet"); }
