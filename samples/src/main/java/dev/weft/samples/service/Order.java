package dev.weft.samples.service;

/**
 * An order as stored and as sent to clients.
 *
 * @param id the database key
 * @param customer who ordered
 * @param item what was ordered
 * @param quantity how many
 * @param unitPriceCents the price of one, in cents
 */
public record Order(long id, String customer, String item, int quantity, long unitPriceCents) {
}
