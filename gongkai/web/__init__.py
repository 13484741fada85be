"""Site-wide web pieces the apps share: the chart drawer, the upload size limit, the read-only admin and
the site pages (home, bad request). No models, no URLs of their own."""
