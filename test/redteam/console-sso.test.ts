import { describe, expect, it } from 'vitest'
import { useSsoApp } from '../console/oidc-provider.js'

// Red team: single sign-on against accounts that already exist.
const { t, idp, ssoSignIn, sessionOf } = useSsoApp()
const usersOfLender = async () => await t.app.ctx.users.listWithTeams('lender')

describe('single sign-on cannot take over another account', () => {
  it('refuses a second provider account that now claims the email of a user linked to another one', async () => {
    idp.accounts.set('idp-mia', { sub: 'idp-mia', email: 'mia@lender.example', name: 'Mia', groups: ['credit-officers'] })
    expect((await ssoSignIn('idp-mia')).callback.statusCode).toBe(302)
    // Another person at the provider changes their (unverified-by-us) email to Mia's.
    idp.accounts.set('idp-mallory', { sub: 'idp-mallory', email: 'MIA@lender.example', name: 'Mallory', groups: ['credit-officers'] })
    const { callback, cookie } = await ssoSignIn('idp-mallory')
    expect(callback.statusCode).toBe(409)
    expect(callback.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(cookie).toBeNull()
    const mia = (await usersOfLender()).find((u) => u.email === 'mia@lender.example')!
    expect(mia.name).toBe('Mia')
    // Mia still signs in as herself.
    const again = await ssoSignIn('idp-mia')
    expect(again.callback.statusCode).toBe(302)
    expect((await sessionOf(again.cookie)).json().data.user).toMatchObject({ id: mia.id, name: 'Mia' })
    // Nor, in no group, can they end Mia's sessions.
    idp.accounts.set('idp-mallory', { sub: 'idp-mallory', email: 'mia@lender.example', name: 'Mallory', groups: [] })
    expect((await ssoSignIn('idp-mallory')).callback.statusCode).toBe(409)
    expect((await sessionOf(again.cookie)).statusCode).toBe(200)
  })

  it('answers a provider email that another user of the team has with a 409 page, not a 500, and changes nothing', async () => {
    idp.accounts.set('idp-ned', { sub: 'idp-ned', email: 'ned@lender.example', name: 'Ned', groups: ['auditors'] })
    idp.accounts.set('idp-ola', { sub: 'idp-ola', email: 'ola@lender.example', name: 'Ola', groups: ['auditors'] })
    expect((await ssoSignIn('idp-ned')).callback.statusCode).toBe(302)
    expect((await ssoSignIn('idp-ola')).callback.statusCode).toBe(302)
    idp.accounts.set('idp-ned', { sub: 'idp-ned', email: 'Ola@lender.example', name: 'Ned', groups: ['auditors'] })
    const { callback, cookie } = await ssoSignIn('idp-ned')
    expect(callback.statusCode).toBe(409)
    expect(cookie).toBeNull()
    const emails = (await usersOfLender()).map((u) => u.email)
    expect(emails).toContain('ned@lender.example')
    expect(emails).toContain('ola@lender.example')
  })
})
