/**
 * The `x-api-version` header, sent on every request (the token request included), as every official
 * Scalekit SDK sends it.
 *
 * Decision: send it, pinned to the version of the newest official client whose behaviour the
 * contract records (scalekit-sdk-python 2.21.0 pins 20261012). Its effect is undocumented, which cuts
 * both ways, and sending it is the safer side:
 * - with it, the server treats us as it treats the official clients, which is the only behaviour
 *   anyone has observed (merge on update, the filters, the error bodies); without it we would be the
 *   one client that gets whatever the server does for requests without a version, which nobody tests;
 * - a version pinned here changes only with a release of this library, together with the tests that
 *   check what that version does; a server default could change under a user's stack with no release.
 * Raise it when the contract is checked against a newer SDK, never on a guess.
 */
export const API_VERSION_HEADER = "x-api-version";
export const API_VERSION = "20261012";
