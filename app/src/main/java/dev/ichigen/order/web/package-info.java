/** The order REST API ({@code /api/v1/orders}): intake for the own site, lists, detail, holds, cancel, check settings. */
package dev.ichigen.order.web;
