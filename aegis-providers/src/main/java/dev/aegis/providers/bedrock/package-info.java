/**
 * The Amazon Bedrock Converse / ConverseStream adapter.
 */
@NullMarked
package dev.aegis.providers.bedrock;

import org.jspecify.annotations.NullMarked;
