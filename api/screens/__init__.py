"""The hall's screens: the display board, the window clerk's console and the evaluation pad.

Plain HTML, CSS and JavaScript files shipped in this package and served by the app itself (a
hall's network may reach no CDN; there is no build step), with the JSON routes they read
beside them. The pages hold no data and no secret: a display or pad is given its device key
once and keeps it in the browser's storage, a clerk signs in, and every call carries the key
or the token in a header, never in a URL.
"""
