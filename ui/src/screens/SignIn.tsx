import { useState, type FormEvent } from "react";
import { ApiError, demoAccountsShown, signIn, type Session } from "../api";
import { usePage } from "../page";

// Demo data as docs/API.md lists it; shown only when the server says it seeded it (Development).
const demoAccounts = [
  ["admin@example.com", "admin"],
  ["staff1@example.com", "staff"],
  ["staff2@example.com", "staff"],
  ["doctor1@example.com", "doctor"],
  ["doctor2@example.com", "doctor"],
  ["patient1@example.com", "patient"],
  ["patient2@example.com", "patient"],
] as const;
const demoPassword = "Passw0rd!";

export function SignIn({ notice, onSignedIn }: { notice: string | null; onSignedIn: (s: Session) => void }) {
  const heading = usePage("Sign in");
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      onSignedIn(await signIn(email.trim(), password));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "Signing in failed. Please try again.");
      setBusy(false);
    }
  }

  return (
    <main className="signin">
      <div className="card signin-card">
        <p className="brand-large" aria-hidden="true">Locking</p>
        <h1 ref={heading} tabIndex={-1}>Sign in</h1>
        {notice && <p className="notice" role="status">{notice}</p>}
        <form onSubmit={submit} noValidate>
          <label htmlFor="email">Email</label>
          <input id="email" name="email" type="email" autoComplete="username" required value={email} onChange={(e) => setEmail(e.target.value)} />
          <label htmlFor="password">Password</label>
          <input id="password" name="password" type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          <div role="alert" className="error">{error}</div>
          <button type="submit" className="primary" disabled={busy}>{busy ? "Signing in…" : "Sign in"}</button>
        </form>
      </div>
      {demoAccountsShown() && (
        <section className="card demo" aria-labelledby="demo-heading">
          <h2 id="demo-heading">Demo accounts</h2>
          <p>Development only. Every password is <code>{demoPassword}</code>. Pick one to fill the form.</p>
          <ul>
            {demoAccounts.map(([address, role]) => (
              <li key={address}>
                <button type="button" className="link-button" onClick={() => { setEmail(address); setPassword(demoPassword); setError(null); }}>
                  {address}
                </button>
                <span className="muted"> {role}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </main>
  );
}
