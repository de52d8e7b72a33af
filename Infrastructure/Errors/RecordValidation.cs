using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Locking.Infrastructure.Errors;

/// <summary>
/// DataAnnotations for values that do not pass through minimal-API validation (hub arguments).
/// Positional records carry their attributes on constructor parameters, which
/// <see cref="Validator"/> alone does not read.
/// </summary>
internal static class RecordValidation
{
    public static List<string> Errors(object value)
    {
        var type = value.GetType();
        var errors = new List<string>();
        var constructor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        foreach (var parameter in constructor.GetParameters())
        {
            var attributes = parameter.GetCustomAttributes<ValidationAttribute>().ToList();
            var property = type.GetProperty(parameter.Name!, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (attributes.Count == 0 || property is null)
            {
                continue;
            }
            var context = new ValidationContext(value) { MemberName = property.Name, DisplayName = property.Name };
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateValue(property.GetValue(value)!, context, results, attributes))
            {
                errors.AddRange(results.Select(r => r.ErrorMessage ?? $"{property.Name} is not valid."));
            }
        }
        return errors;
    }
}
