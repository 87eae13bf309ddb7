/**
 * A claims challenge arrives base64-encoded (WWW-Authenticate) while MSAL wants the JSON itself.
 * Accept either, so the API may send the body field in either form.
 */
export function decodeClaims(claims: string): string {
  const trimmed = claims.trim();
  if (trimmed.startsWith('{')) return trimmed;
  try {
    const padded = trimmed.replace(/-/g, '+').replace(/_/g, '/');
    const binary = atob(padded + '='.repeat((4 - (padded.length % 4)) % 4));
    const json = new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
    JSON.parse(json);
    return json;
  } catch {
    return trimmed;
  }
}
