package io.bigfs.shell;

import io.bigfs.common.config.Sizes;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Sizes on the command line: "1024", "64k", "1m", "2g"; anything else is a usage error. */
public final class SizeConverter implements ITypeConverter<Long> {
  @Override
  public Long convert(String value) {
    try {
      return Sizes.parse(value);
    } catch (RuntimeException e) {
      throw new TypeConversionException("'" + value + "' is not a size (e.g. 512, 64k, 1m, 2g)");
    }
  }
}
