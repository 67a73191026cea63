/* A page whose session ended goes to the sign-in page instead of failing silently.
   The server answers a callback 401 when the session is gone (it expired, the user was
   disabled, or signed out in another tab; dashboard/access/web.py). Dash's renderer asks
   the server with window.fetch, so this wraps it: a 401 from one of Dash's own endpoints
   sends the browser to /login?next=<this page>, where signing in again brings the user
   back to the same view; Dash never sees that answer (it would only report an error
   while the page leaves). Loaded from the server's own assets (no inline script: the
   page's Content-Security-Policy allows none). */
(function () {
  "use strict";

  const DASH_ENDPOINT = /\/_dash-[a-z-]+$/; // _dash-update-component, _dash-layout, ...
  const original = window.fetch.bind(window);
  let leaving = false;

  function fromDash(resource) {
    const url = typeof resource === "string" ? resource : resource && resource.url;
    if (!url) {
      return false;
    }
    const target = new URL(url, window.location.href);
    return target.origin === window.location.origin && DASH_ENDPOINT.test(target.pathname);
  }

  function signInAgain() {
    if (leaving) {
      return; // one page's callbacks fail together: go once
    }
    leaving = true;
    const here = window.location.pathname + window.location.search;
    window.location.assign("/login?" + new URLSearchParams({ next: here }).toString());
  }

  window.fetch = function (resource, init) {
    return original(resource, init).then(function (response) {
      if (response.status === 401 && fromDash(resource)) {
        signInAgain();
        return new Promise(function () {}); // the page is leaving: Dash shows no error
      }
      return response;
    });
  };
})();
