using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Routing;

namespace Plenary.Infrastructure.Web;

/// <summary>
/// Which HTTP methods a page answers. Razor Pages run a page for any method, and a page without a handler for it
/// renders without its OnGet having loaded anything: a PUT to the programme was a NullReferenceException, a 500
/// and a stack trace in the log. Here each page answers GET and HEAD, plus the methods it has handlers for; routing
/// refuses the rest with 405 and an Allow header before any page model is made. A method the page does handle but
/// with a handler name it does not have (POST ?handler=Nope) is a 400.
/// </summary>
public static class PageMethods
{
    public static IMvcBuilder AddPageMethods(this IMvcBuilder mvc) => mvc
        .AddRazorPagesOptions(options => options.Conventions.Add(new AllowedMethods()))
        .AddMvcOptions(options =>
        {
            options.Filters.Add(new HandlerRequired());
            options.Filters.Add(new StaleFormExplained());
        });

    /// <summary>
    /// A form refused by the antiforgery check (open too long, signed out meanwhile, or forged) gets the error page
    /// with the reason a person can act on, instead of "something in the address is not right".
    /// </summary>
    private sealed class StaleFormExplained : IAlwaysRunResultFilter
    {
        public void OnResultExecuting(ResultExecutingContext context)
        {
            if (context.Result is Microsoft.AspNetCore.Mvc.Core.Infrastructure.IAntiforgeryValidationFailedResult)
            {
                context.HttpContext.Items[RequestLimits.ReasonKey] = RequestLimits.StaleFormReason;
            }
        }

        public void OnResultExecuted(ResultExecutedContext context)
        {
        }
    }

    private sealed class AllowedMethods : IPageApplicationModelConvention
    {
        public void Apply(PageApplicationModel model)
        {
            if (model.HandlerTypeAttributes.OfType<AnswersEveryMethodAttribute>().Any())
            {
                return;
            }
            var methods = model.HandlerMethods.Select(h => h.HttpMethod.ToUpperInvariant())
                .Concat([HttpMethods.Get, HttpMethods.Head]).Distinct().Order(StringComparer.Ordinal).ToList();
            model.EndpointMetadata.Add(new HttpMethodMetadata(methods));
        }
    }

    private sealed class HandlerRequired : IPageFilter
    {
        public void OnPageHandlerSelected(PageHandlerSelectedContext context)
        {
        }

        public void OnPageHandlerExecuting(PageHandlerExecutingContext context)
        {
            // GET may render a page that needs no handler; any other method is the page's to handle, or nobody's.
            if (context.HandlerMethod is null && !HttpMethods.IsGet(context.HttpContext.Request.Method) && !HttpMethods.IsHead(context.HttpContext.Request.Method)
                && !context.HandlerInstance.GetType().IsDefined(typeof(AnswersEveryMethodAttribute), inherit: false))
            {
                context.Result = new BadRequestResult();
            }
        }

        public void OnPageHandlerExecuted(PageHandlerExecutedContext context)
        {
        }
    }
}

/// <summary>
/// A page that answers whatever method reaches it: the error page, which the status code pages and the exception
/// handler re-execute with the failed request's own method (POST, PUT, PATCH, DELETE…).
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class AnswersEveryMethodAttribute : Attribute;
