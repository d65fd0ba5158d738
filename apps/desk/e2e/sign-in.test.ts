import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateSync } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../../web/e2e/browser.js';
import { type RunningDesk, startDesk } from './desk.js';

// A person's way into the desk, in Chromium, against the built desk and API over a fresh SQLite
// file: invitation, password, authenticator app, sign-out, and forms posted from other sites.
let desk: RunningDesk;
let browser: Browser;
let context: BrowserContext;
let people = 0;

const password = 'tangerine orbit fossil kettle';

beforeAll(async () => {
  browser = await launchChromium();
  desk = await startDesk();
});
afterEach(async () => {
  await context?.close();
});
afterAll(async () => {
  await browser?.close();
  await desk?.stop();
});

/** A page in a browser of its own (no cookies from another test). */
async function newPage(): Promise<Page> {
  context = await browser.newContext();
  // What a person should see comes within seconds; a failure says so without a minute's wait.
  context.setDefaultTimeout(10_000);
  return context.newPage();
}

/** Someone new, invited by an admin: their email, name and invitation address. */
async function invited(name: string) {
  people += 1;
  const email = `person${people}@example.com`;
  return { email, name, link: await desk.invite({ email, name }) };
}

const welcome = (page: Page, name: string) =>
  page.getByRole('heading', { level: 1, name: `Welcome, ${name}` });

/** Accepts the invitation in the browser; the person lands signed in. */
async function acceptInvitation(page: Page, person: { name: string; link: string }) {
  await page.goto(person.link);
  await page.getByLabel('New password').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await welcome(page, person.name).waitFor();
}

async function signIn(page: Page, email: string, withPassword = password) {
  await page.goto(`${desk.deskUrl}/sign-in`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(withPassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForLoadState();
}

async function signOut(page: Page) {
  await page.getByRole('navigation', { name: 'Desk' }).getByRole('link', { name: 'Sign out' }).click();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('status').filter({ hasText: 'You have signed out.' }).waitFor();
}

async function sessionCookie() {
  return (await context.cookies(desk.deskUrl)).find((cookie) => cookie.name === 'nr_session');
}

describe('an invitation', () => {
  it('lets the invited person set a password and signs them in, with a session cookie scripts cannot read', async () => {
    const page = await newPage();
    const person = await invited('Ines Invited');
    await page.goto(person.link);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Accept your invitation',
    );
    await expect(page.getByText(`For ${person.email}.`).isVisible()).resolves.toBe(true);
    await page.getByLabel('New password').fill(password);
    await page.getByRole('button', { name: 'Set password' }).click();
    await welcome(page, person.name).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');

    const cookie = await sessionCookie();
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', secure: false });
    // It ends with the session (30 days), not with the browser.
    expect(cookie?.expires).toBeGreaterThan(Date.now() / 1000 + 29 * 86_400);
    await expect(page.evaluate(() => document.cookie)).resolves.not.toContain('nr_session');

    // The link is spent: a second visit says so.
    await page.goto(person.link);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/not valid/);
    await expect(page.getByLabel('New password').count()).resolves.toBe(0);
  });

  it('refuses a weak password and says why, and the link still works after', async () => {
    const page = await newPage();
    const person = await invited('Wes Weak');
    await page.goto(person.link);
    await page.getByLabel('New password').fill('password12');
    await page.getByRole('button', { name: 'Set password' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/password/i);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Accept your invitation',
    );
    expect(await sessionCookie()).toBeUndefined();
    await acceptInvitation(page, person);
  });
});

describe('signing in with a password', () => {
  it('signs out, refuses a wrong password clearly, then signs in; the account lists this session', async () => {
    const page = await newPage();
    const person = await invited('Sam Signin');
    await acceptInvitation(page, person);

    await signOut(page);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    expect(await sessionCookie()).toBeUndefined();
    // Signed out means signed out: home sends them to sign in.
    await page.goto(`${desk.deskUrl}/`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');

    await signIn(page, person.email, 'tangerine orbit fossil kettles');
    const problem = page.getByRole('alert');
    await expect(problem.textContent()).resolves.toMatch(/email or password/i);
    await expect(welcome(page, person.name).count()).resolves.toBe(0);
    expect(await sessionCookie()).toBeUndefined();
    // The email stays filled in; the password does not.
    await expect(page.getByLabel('Email').inputValue()).resolves.toBe(person.email);
    await expect(page.getByLabel('Password').inputValue()).resolves.toBe('');

    await signIn(page, person.email);
    await welcome(page, person.name).waitFor();

    await page.getByRole('link', { name: 'Your account' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your account' }).waitFor();
    const sessions = page.getByRole('table', { name: 'Where you are signed in' });
    const rows = sessions.getByRole('row').filter({ has: page.getByRole('cell') });
    await expect(rows.count()).resolves.toBe(1);
    await expect(rows.first().getByText('This session').isVisible()).resolves.toBe(true);
    // The device is the browser's user agent, the address the one the desk forwarded.
    await expect(rows.first().getByRole('cell').first().textContent()).resolves.toContain('Chrome');
    await expect(rows.first().getByRole('cell').nth(1).textContent()).resolves.toBe('127.0.0.1');
  });
});

describe('an authenticator app', () => {
  it('is added on Your account with ten recovery codes, and sign-in then asks for its code', async () => {
    const page = await newPage();
    const person = await invited('Tess Totp');
    await acceptInvitation(page, person);

    await page.goto(`${desk.deskUrl}/account`);
    await expect(page.getByText('Off. Add an authenticator app').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Add an authenticator app' }).click();
    await page.getByRole('img', { name: 'QR code for your authenticator app' }).waitFor();
    // The key as the page shows it, for typing into an app.
    const secret = (await page.getByText(/^Key:/).locator('code').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^[A-Z2-7]{16,}=*$/);
    // A code from the step before: the app's clock may lag, and the current step stays unused
    // for the sign-in below (each step signs in once). Not in a step's last seconds, so it is
    // still one step old, not two, when the API checks it.
    while ((Date.now() / 1000) % 30 > 27) await new Promise((resolve) => setTimeout(resolve, 250));
    const earlier = generateSync({ secret, epoch: Math.floor(Date.now() / 1000) - 30 });
    await page.getByRole('textbox', { name: 'Code' }).fill(earlier);
    await page.getByRole('button', { name: 'Turn on two-factor' }).click();

    const codes = page.getByRole('status').filter({ hasText: 'Your recovery codes' }).getByRole('listitem');
    await codes.first().waitFor();
    await expect(codes.count()).resolves.toBe(10);
    const recoveryCodes = await codes.allTextContents();
    expect(new Set(recoveryCodes).size).toBe(10);
    await expect(page.getByText(/^On: you sign in with your password and a code/).isVisible()).resolves.toBe(
      true,
    );

    await signOut(page);
    await signIn(page, person.email);
    await page.waitForURL(`${desk.deskUrl}/sign-in/code`);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Enter your code');
    // The password alone signed no one in.
    expect(await sessionCookie()).toBeUndefined();

    // A code no step near now has.
    const seconds = Math.floor(Date.now() / 1000);
    const near = [-60, -30, 0, 30, 60].map((offset) => generateSync({ secret, epoch: seconds + offset }));
    const wrong = ['123456', '654321', '111111'].find((code) => !near.includes(code)) ?? '';
    await page.getByRole('textbox', { name: 'Code' }).fill(wrong);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/code is not right/);
    expect(await sessionCookie()).toBeUndefined();

    await page.getByRole('textbox', { name: 'Code' }).fill(generateSync({ secret }));
    await page.getByRole('button', { name: 'Sign in' }).click();
    await welcome(page, person.name).waitFor();
    expect(await sessionCookie()).toBeDefined();

    // A recovery code signs in once, in place of the app.
    await signOut(page);
    await signIn(page, person.email);
    await page.getByRole('textbox', { name: 'Code' }).fill(recoveryCodes[0] ?? '');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await welcome(page, person.name).waitFor();
    await page.goto(`${desk.deskUrl}/account`);
    await expect(page.getByText('Recovery codes left: 9.').isVisible()).resolves.toBe(true);
  });
});

describe('a reset link', () => {
  it('lets the person choose a new password, ends their sessions elsewhere, and the old password stops working', async () => {
    const page = await newPage();
    const person = await invited('Rory Reset');
    await acceptInvitation(page, person);
    const personId = (await desk.store.people.byEmail(person.email))?.id ?? '';
    const link = await desk.store.links.create(personId, 'reset', { ttlMs: 3_600_000 });

    const other = await browser.newContext();
    const resetPage = await other.newPage();
    await resetPage.goto(`${desk.deskUrl}/reset?key=${encodeURIComponent(link.secret)}`);
    await expect(resetPage.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Choose a new password',
    );
    await resetPage.getByLabel('New password').fill('walnut lantern comet harbour');
    await resetPage.getByRole('button', { name: 'Set password' }).click();
    await welcome(resetPage, person.name).waitFor({ timeout: 10_000 });
    await other.close();

    // The session from before the reset has ended: the first browser is sent to sign in.
    await page.goto(`${desk.deskUrl}/account`);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await signIn(page, person.email);
    await expect(page.getByRole('alert').textContent()).resolves.toMatch(/email or password/i);
    await signIn(page, person.email, 'walnut lantern comet harbour');
    await welcome(page, person.name).waitFor();
  });
});

describe('a passkey', () => {
  it('is added on Your account and then signs in without a password', async () => {
    const page = await newPage();
    // Chromium's virtual authenticator, standing in for the device's: it says yes at once.
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    const person = await invited('Pia Passkey');
    await acceptInvitation(page, person);

    await page.goto(`${desk.deskUrl}/account`);
    await expect(page.getByText('No passkeys yet.').isVisible()).resolves.toBe(true);
    await page.getByLabel('Name for the new passkey').fill('Test laptop');
    await page.getByRole('button', { name: 'Add a passkey' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Your passkey is added.');
    await expect(page.getByRole('textbox', { name: 'Passkey name' }).inputValue()).resolves.toBe(
      'Test laptop',
    );
    await expect(page.getByRole('button', { name: 'Remove passkey Test laptop' }).isVisible()).resolves.toBe(
      true,
    );

    await signOut(page);
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click();
    await welcome(page, person.name).waitFor();
    expect(await sessionCookie()).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });
});

describe('a form posted from another site', () => {
  let attacker: Server;
  let attackerPort: number;
  let target = '';
  let fields: Record<string, string> = {};

  beforeAll(async () => {
    // Another site's page whose form posts itself to the desk as soon as it loads.
    attacker = createServer((_req, res) => {
      const inputs = Object.entries(fields)
        .map(([name, value]) => `<input type="hidden" name="${name}" value="${value}">`)
        .join('');
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(
        `<!doctype html><title>Win a prize</title><form method="post" action="${target}">${inputs}</form><script>document.forms[0].submit()</script>`,
      );
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerPort = (attacker.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => attacker?.close(resolve));
  });

  /** Opens the other site's page; resolves with the status of the desk's answer to its post. */
  async function visitAttacker(page: Page, origin: string, to: string, form: Record<string, string>) {
    target = `${desk.deskUrl}${to}`;
    fields = form;
    const answer = page.waitForResponse((res) => res.url() === target && res.request().method() === 'POST');
    await page.goto(`${origin}/`);
    const response = await answer;
    await page.waitForLoadState();
    return response.status();
  }

  // 127.0.0.1 is another site: the Lax session cookie stays behind. localhost on another port is
  // the same site but another origin: the cookie goes along, and only the origin check stops it.
  for (const where of ['another site (127.0.0.1)', 'another origin on the same site (localhost)']) {
    it(`from ${where} changes nobody's name and signs nobody out, with a 403`, async () => {
      const origin = where.includes('127.0.0.1')
        ? `http://127.0.0.1:${attackerPort}`
        : `http://localhost:${attackerPort}`;
      const page = await newPage();
      const person = await invited(`Cleo Csrf ${people + 1}`);
      await acceptInvitation(page, person);
      // Even with the person's own form token, which a page of the desk would carry.
      const csrf = (await context.cookies(desk.deskUrl)).find((c) => c.name === 'nr_csrf')?.value ?? '';
      expect(csrf).not.toBe('');

      const renamed = await visitAttacker(page, origin, '/account', {
        csrf,
        action: 'name',
        name: 'Mallory',
      });
      expect(renamed).toBe(403);
      await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Refused');
      await expect(
        page.getByText('This form was sent from another site, so the desk did nothing.').isVisible(),
      ).resolves.toBe(true);

      const signedOut = await visitAttacker(page, origin, '/sign-out', { csrf });
      expect(signedOut).toBe(403);

      await page.goto(`${desk.deskUrl}/account`);
      await expect(page.getByRole('textbox', { name: 'Name', exact: true }).inputValue()).resolves.toBe(
        person.name,
      );
      await page.goto(`${desk.deskUrl}/`);
      await expect(welcome(page, person.name).isVisible()).resolves.toBe(true);
    });
  }

  it('from the desk itself is accepted: the same forms work when the person sends them', async () => {
    const page = await newPage();
    const person = await invited('Nia Name');
    await acceptInvitation(page, person);
    await page.goto(`${desk.deskUrl}/account`);
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('Nia Renamed');
    await page.getByRole('button', { name: 'Save name' }).click();
    await expect(page.getByRole('status').textContent()).resolves.toBe('Your name is saved.');
    await page.goto(`${desk.deskUrl}/`);
    await welcome(page, 'Nia Renamed').waitFor();
  });
});

describe('sessions in two browsers', () => {
  it('lets a person end the session of their other browser, which is then signed out', async () => {
    const page = await newPage();
    const person = await invited('Tess Two');
    await acceptInvitation(page, person);
    const other = await browser.newContext();
    try {
      other.setDefaultTimeout(10_000);
      const otherPage = await other.newPage();
      await signIn(otherPage, person.email);
      await welcome(otherPage, person.name).waitFor();

      await page.goto(`${desk.deskUrl}/account`);
      const rows = page
        .getByRole('table', { name: 'Where you are signed in' })
        .getByRole('row')
        .filter({ has: page.getByRole('cell') });
      await expect(rows.count()).resolves.toBe(2);
      await page.getByRole('button', { name: 'End session', exact: true }).click();
      await expect(page.getByRole('status').textContent()).resolves.toBe('That session has ended.');
      await expect(rows.count()).resolves.toBe(1);

      // The other browser's next page finds its session ended.
      await otherPage.goto(`${desk.deskUrl}/`);
      expect(new URL(otherPage.url()).pathname).toBe('/sign-in');
      // This one is still signed in.
      await page.goto(`${desk.deskUrl}/`);
      await welcome(page, person.name).waitFor();
    } finally {
      await other.close();
    }
  });
});

describe('repeated failures', () => {
  it('make the next attempt wait, the right password too, saying how long', async () => {
    const page = await newPage();
    const person = await invited('Lou Lockout');
    await acceptInvitation(page, person);
    await signOut(page);
    try {
      for (let attempt = 1; attempt <= 5; attempt++) {
        await signIn(page, person.email, `not the password ${attempt}`);
        await expect(page.getByRole('alert').textContent()).resolves.toMatch(/email or password/i);
      }
      await signIn(page, person.email);
      await expect(page.getByRole('alert').textContent()).resolves.toMatch(
        /^Too many attempts: try again in \d+ seconds?\.$/,
      );
      await expect(welcome(page, person.name).count()).resolves.toBe(0);
      expect(await sessionCookie()).toBeUndefined();
    } finally {
      // Every test signs in from 127.0.0.1: the address must not stay locked for the others.
      await desk.store.signInThrottle.clear([`email:${person.email}`, 'address:127.0.0.1']);
    }
  });
});
