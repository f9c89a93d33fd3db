/**
 * Budgets per key and tenant per calendar period, reserved before a call and settled after it,
 * and the storage SPI {@link dev.aegis.api.budget.BudgetStore}.
 */
@NullMarked
package dev.aegis.api.budget;

import org.jspecify.annotations.NullMarked;
