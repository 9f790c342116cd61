/** The documents REST API: 納品書 and 出荷日報 PDFs ({@code /api/v1/shipments/…pdf}) and the shop profile ({@code /api/v1/shop-profile}). */
package dev.ichigen.documents.web;
