/**
 * A small order service on Reactor Netty HTTP backed by R2DBC H2 (in memory, through r2dbc-pool),
 * with its request handlers written twice: as weft coroutines ({@link dev.weft.samples.service.WeftOrderApi})
 * and in plain Reactor operators ({@link dev.weft.samples.service.ReactorOrderApi}), behind one HTTP layer
 * ({@link dev.weft.samples.service.OrderServer}).
 */
@NullMarked
package dev.weft.samples.service;

import org.jspecify.annotations.NullMarked;
