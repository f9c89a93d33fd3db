/**
 * AWS support shared by the Bedrock adapter: credential providers (static, environment, host-supplied and refreshing).
 */
@NullMarked
package dev.aegis.providers.aws;

import org.jspecify.annotations.NullMarked;
