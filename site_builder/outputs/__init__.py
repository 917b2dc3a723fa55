"""Files built beside the pages: feeds, open data, redirects, charts, assets, exported trees."""
