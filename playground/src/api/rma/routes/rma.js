const { factories } = require('@strapi/strapi');

module.exports = factories.createCoreRouter('api::rma.rma');
