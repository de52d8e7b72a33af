using Locking.Features.Catalog.CreateDoctor;
using Locking.Features.Catalog.CreateSpecialty;
using Locking.Features.Catalog.GetDoctor;
using Locking.Features.Catalog.GetSpecialty;
using Locking.Features.Catalog.ListDoctors;
using Locking.Features.Catalog.ListSpecialties;
using Locking.Infrastructure.Auth;

namespace Locking.Features.Catalog;

/// <summary>What a clinic offers: specialties, and the doctors in them.</summary>
internal static class CatalogApi
{
    public static IEndpointRouteBuilder MapCatalogApi(this IEndpointRouteBuilder api)
    {
        var specialties = api.MapGroup("/specialties").WithTags("Specialties").RequireAuthorization(Policies.SignedIn);
        specialties.MapListSpecialties("");
        specialties.MapGetSpecialty("/{id}");
        specialties.MapCreateSpecialty("");

        var doctors = api.MapGroup("/doctors").WithTags("Doctors").RequireAuthorization(Policies.SignedIn);
        doctors.MapListDoctors("");
        doctors.MapGetDoctor("/{id}");
        doctors.MapCreateDoctor("");
        return api;
    }
}
