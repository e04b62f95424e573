// A Dovecot of the test's own, beside the shared one (never touched): IMAP only, its
// own base_dir, port and mail folder in a temp dir, and users signed in by its oauth2
// passdb, which asks the given introspection endpoint whether a token is active. The
// users and processes are those of the shared configuration (scripts/services).
import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface OAuthDovecot {
  port: number;
  /** Dovecot's log, for a failing test's message. */
  log(): string;
  stop(): void;
}

const DOVECOT = '/usr/sbin/dovecot';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const PREFIX = 'fd-oauth-dovecot-';

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Stops the Dovecots of earlier test runs that were killed before they could stop theirs. */
function stopOrphans(): void {
  for (const name of readdirSync(tmpdir()).filter((n) => n.startsWith(PREFIX))) {
    const dir = path.join(tmpdir(), name);
    const owner = Number(existsSync(path.join(dir, 'owner.pid')) ? readFileSync(path.join(dir, 'owner.pid'), 'utf8') : 0);
    if (owner && alive(owner)) continue;
    try {
      execFileSync(DOVECOT, ['-c', path.join(dir, 'dovecot.conf'), 'stop'], { stdio: 'ignore' });
    } catch {
      // it had stopped already, or never started
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

const idOf = (flag: '-u' | '-g', user: string) => Number(execFileSync('id', [flag, user]).toString().trim());

export async function startOAuthDovecot(introspectionUrl: string): Promise<OAuthDovecot> {
  stopOrphans();
  const dir = mkdtempSync(path.join(tmpdir(), PREFIX));
  writeFileSync(path.join(dir, 'owner.pid'), String(process.pid));
  chmodSync(dir, 0o755); // the mail processes run as the user "mail"
  const uid = idOf('-u', 'mail');
  const gid = idOf('-g', 'mail');
  for (const sub of ['run', 'state', 'mail']) mkdirSync(path.join(dir, sub));
  chownSync(path.join(dir, 'mail'), uid, gid);
  const port = await freePort();
  writeFileSync(
    path.join(dir, 'oauth2.conf.ext'),
    [`introspection_mode = post`, `introspection_url = ${introspectionUrl}`, `username_attribute = username`, `active_attribute = active`, `active_value = true`, `force_introspection = yes`, ''].join('\n'),
  );
  writeFileSync(
    path.join(dir, 'dovecot.conf'),
    `base_dir = ${dir}/run
state_dir = ${dir}/state
instance_name = fd-oauth-test-${port}
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = xoauth2 oauthbearer
auth_failure_delay = 0
mail_location = maildir:${dir}/mail/%n
mail_uid = ${uid}
mail_gid = ${gid}
first_valid_uid = ${uid}
default_login_user = dovenull
default_internal_user = dovecot
passdb {
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = ${dir}/oauth2.conf.ext
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${dir}/mail/%n
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
`,
  );
  const conf = path.join(dir, 'dovecot.conf');
  const log = () => {
    try {
      return readFileSync(path.join(dir, 'dovecot.log'), 'utf8');
    } catch {
      return '';
    }
  };
  // Its output goes to a file: the daemon's processes would hold a pipe open for good.
  const startLog = path.join(dir, 'start.log');
  const out = openSync(startLog, 'w');
  try {
    execFileSync(DOVECOT, ['-c', conf], { stdio: ['ignore', out, out] });
  } catch (err) {
    throw new Error(`our test Dovecot did not start: ${(err as Error).message}\n${readFileSync(startLog, 'utf8')}\n${log()}`, { cause: err });
  } finally {
    closeSync(out);
  }
  return {
    port,
    log,
    stop: () => {
      execFileSync(DOVECOT, ['-c', conf, 'stop'], { stdio: 'ignore' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
