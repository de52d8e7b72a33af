import { useCallback, useContext, useEffect, useMemo, useState } from "react";
import { currentSession, me, onSessionExpired, signOut, type Session } from "./api";
import { clearDrafts } from "./editor";
import { Live } from "./hub";
import { LiveContext, useLiveStatus } from "./live";
import { Link, navigate, usePath } from "./router";
import { AdminLocks } from "./screens/AdminLocks";
import { AppointmentList } from "./screens/AppointmentList";
import { BookPage } from "./screens/BookPage";
import { CreateAppointment } from "./screens/CreateAppointment";
import { Editor } from "./screens/Editor";
import { HolderDialog } from "./screens/HolderDialog";
import { SignIn } from "./screens/SignIn";
import { Slots } from "./screens/Slots";

const noticeKey = "locking.notice";
const expiredNotice = "Your session has expired. Please sign in again to carry on.";

export function App() {
  const [session, setSession] = useState<Session | null>(currentSession);
  // Kept in the tab's storage, so a reload after the session ended still says why.
  const [notice, setNoticeState] = useState<string | null>(() => sessionStorage.getItem(noticeKey));
  const setNotice = useCallback((text: string | null) => {
    if (text) sessionStorage.setItem(noticeKey, text);
    else sessionStorage.removeItem(noticeKey);
    setNoticeState(text);
  }, []);
  const [announcement, setAnnouncement] = useState("");

  const expire = useCallback(() => {
    signOut();
    setSession(null);
    setNotice(expiredNotice);
  }, [setNotice]);

  useEffect(() => onSessionExpired(expire), [expire]);

  // The token's own end, by this browser's clock; the API's 401 catches the rest.
  useEffect(() => {
    if (!session) return;
    const t = setTimeout(expire, Math.max(0, session.expiresAt - Date.now()));
    return () => clearTimeout(t);
  }, [session, expire]);

  // A stored session is checked once: the service may have restarted with another key.
  useEffect(() => {
    if (session) me().catch(() => {});
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const live = useMemo(() => (session ? new Live(() => currentSession()?.token ?? "") : null), [session]);
  useEffect(() => {
    if (!live) return;
    live.start();
    return () => void live.stop();
  }, [live]);

  if (!session) {
    return <SignIn notice={notice} onSignedIn={(s) => { setNotice(null); setSession(s); }} />;
  }

  return (
    <LiveContext.Provider value={live}>
      <Shell session={session} onSignOut={() => {
        const drafts = clearDrafts(localStorage, session.user.id);
        signOut();
        setSession(null);
        setNotice(drafts === 0 ? "You have signed out."
          : `You have signed out. Unsaved changes to ${drafts === 1 ? "1 appointment were" : `${drafts} appointments were`} removed from this browser.`);
        navigate("/");
      }} announcement={announcement} />
      <Routes session={session} announce={setAnnouncement} />
      {session.user.role !== "patient" && <HolderDialog announce={setAnnouncement} />}
    </LiveContext.Provider>
  );
}

function Shell({ session, onSignOut, announcement }: { session: Session; onSignOut: () => void; announcement: string }) {
  const status = useLiveStatus(useContext(LiveContext));
  const { user } = session;
  return (
    <>
      <a className="skip" href="#main">Skip to content</a>
      <header className="topbar">
        <Link href="/" className="brand">Locking</Link>
        {user.role !== "patient" && (
          <nav aria-label="Main">
            <Link href="/">Appointments</Link>
            <Link href="/appointments/new">New appointment</Link>
            {(user.role === "doctor" || user.role === "admin") && <Link href="/slots">Slots</Link>}
            {user.role === "admin" && <Link href="/admin/locks">Live locks</Link>}
          </nav>
        )}
        <div className="who">
          <span className="who-name" title={user.email}>Signed in as <strong>{user.name}</strong> <span className="role">{user.role}</span></span>
          <button type="button" onClick={onSignOut}>Sign out</button>
        </div>
      </header>
      <div role="status" className={`connection ${status}`}>
        {status === "reconnecting" && "Connection lost. Reconnecting… live updates resume by themselves."}
        {status === "offline" && "Live updates are offline. Trying again shortly; what you see may be out of date."}
        {status === "connecting" && "Connecting to live updates…"}
      </div>
      <div aria-live="polite" className="visually-hidden" data-testid="announcer">{announcement}</div>
    </>
  );
}

function Routes({ session, announce }: { session: Session; announce: (text: string) => void }) {
  const path = usePath();
  const { user } = session;
  let page;
  if (user.role === "patient") {
    // Patients land on booking: it is what the app is for, for them.
    if (path === "/book") page = <BookPage announce={announce} />;
    else if (path === "/") page = <Redirect to="/book" />;
    else page = (
      <main className="page narrow">
        <h1>Page not found</h1>
        <p>There is nothing at this address. <Link href="/book">Book an appointment</Link>.</p>
      </main>
    );
  } else if (path === "/book") {
    page = (
      <main className="page narrow">
        <h1>Booking is for patients</h1>
        <p>Patients book their own times here. <Link href="/">Go to the appointments</Link>.</p>
      </main>
    );
  } else if (path === "/" || path === "/appointments") {
    page = <AppointmentList user={user} announce={announce} />;
  } else if (path === "/admin/locks" && user.role === "admin") {
    page = <AdminLocks user={user} announce={announce} />;
  } else if (path === "/slots" && (user.role === "doctor" || user.role === "admin")) {
    page = <Slots user={user} announce={announce} />;
  } else if (path === "/appointments/new") {
    page = <CreateAppointment />;
  } else if (path.startsWith("/appointments/")) {
    page = <Editor key={path} id={decodeURIComponent(path.slice("/appointments/".length))} user={user} announce={announce} />;
  } else {
    page = (
      <main className="page narrow">
        <h1>Page not found</h1>
        <p>There is nothing at this address. <Link href="/">Go to the appointments</Link>.</p>
      </main>
    );
  }
  return <div id="main">{page}</div>;
}

/** Replaces the address (no history entry), so Back does not bounce off it. */
function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, true), [to]);
  return null;
}
