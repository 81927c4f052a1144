/** The manual verification link: the hosted page (a browser) or the token exchange (an API client). */
export function manualVerificationLink (publicBaseUrl: string, sessionId: number, token: string): string {
  return `${publicBaseUrl}/partner/verification/verify?${linkQuery(sessionId, token)}`
}

export const linkQuery = (sessionId: number, token: string): string => `token=${encodeURIComponent(token)}&sessionId=${sessionId}`
