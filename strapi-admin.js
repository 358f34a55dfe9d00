'use strict';
// Fallback entry for Strapi versions that do not read the package "exports" map.
module.exports = require('./dist/admin');
