/**
 * Base36 of a string as EMR on EKS computes it for the service account names of a job
 * execution role (`emr-containers-sa-*-*-<ACCOUNT>-<BASE36>`): the string's character codes
 * read as one big-endian base-256 number, written in base 36 with `0-9a-z`, `'0'` for empty.
 * This matches `aws emr-containers update-role-trust-policy`.
 *
 * @public
 */
export function base36Encode(value: string): string {
  let number = 0n;
  for (const char of value) {
    number = number * 256n + BigInt(char.codePointAt(0)!);
  }
  if (number === 0n) {
    return '0';
  }
  const alphabet = '0123456789abcdefghijklmnopqrstuvwxyz';
  let encoded = '';
  while (number > 0n) {
    encoded = alphabet[Number(number % 36n)] + encoded;
    number /= 36n;
  }
  return encoded;
}
