// Our own addresses, including their +detail variants (support+CS-2026-000001@...),
// so that mail we sent that comes back to us is recognised as ours.

export function isOwnAddress(address: string, ownAddresses: readonly string[]): boolean {
  const [local, domain] = split(address);
  return ownAddresses.some((own) => {
    const [l, d] = split(own);
    return d === domain && (local === l || local.startsWith(`${l}+`));
  });
}

function split(a: string): [string, string] {
  const lower = a.trim().toLowerCase();
  const at = lower.lastIndexOf('@');
  return [lower.slice(0, at), lower.slice(at + 1)];
}
