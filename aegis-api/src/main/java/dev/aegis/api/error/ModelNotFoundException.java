package dev.aegis.api.error;

import dev.aegis.api.internal.Checks;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The requested model is not served by this gateway. The message lists the models that are.
 *
 * <p>Thread-safe once thrown.
 */
public class ModelNotFoundException extends InvalidRequestException {
  private static final long serialVersionUID = 1L;

  private final @Nullable String model;
  private final List<String> knownModels;

  public ModelNotFoundException(@Nullable String model, List<String> knownModels) {
    super(ErrorKind.NOT_FOUND, (model == null
        ? "no model was given and no default route is configured"
        : "unknown model '" + model + "'") + "; known models: " + knownModels, "model");
    this.model = model;
    this.knownModels = Checks.copyOf(knownModels, "knownModels");
  }

  public @Nullable String model() {
    return model;
  }

  public List<String> knownModels() {
    return knownModels;
  }
}
