/**
 * The AHV/AVS number (AHVN13): 13 digits, `756` first, the last an EAN-13 check digit
 * (weights 1 and 3 alternating from the left, over the first twelve).
 */
export function isValidAhv13(value: string): boolean {
  if (!/^756\d{10}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(value[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === Number(value[12]);
}
